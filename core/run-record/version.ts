/** Version tag of the run record format (`schema` field). */
export const RUN_RECORD_SCHEMA = 'cd4ml/run@1';
