import type { PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import descriptor from 'protobufjs/ext/descriptor/index.js';
import type { IDescriptorProto, IFileDescriptorProto } from 'protobufjs/ext/descriptor/index.js';

/**
 * Server reflection (grpcurl, Postman, Python's descriptor pool) with descriptors that a
 * strict protobuf implementation accepts. The descriptors proto-loader derives (through
 * protobufjs, one file per package) lack two things that protoc's have: the `dependency`
 * list of each file (so a type from another package does not resolve), and map entry types
 * named `<FieldName>Entry` (protobuf refuses `map_entry` on any other name). Both are put
 * right here; @grpc/reflection then serves the files.
 */

/** protoc's name of a map field's entry type: signature_def → SignatureDefEntry. */
function entryName(field: string): string {
  return `${field.replace(/(?:^|_)([a-z0-9])/g, (_m, c: string) => c.toUpperCase())}Entry`;
}

function renameMapEntries(message: IDescriptorProto): void {
  for (const nested of message.nestedType ?? []) {
    renameMapEntries(nested);
    if (!nested.options?.mapEntry) continue;
    const old = nested.name ?? '';
    const field = message.field?.find((f) => f.typeName === old || f.typeName?.endsWith(`.${old}`));
    if (!field?.name) continue;
    nested.name = entryName(field.name);
    field.typeName = field.typeName!.slice(0, field.typeName!.length - old.length) + nested.name;
  }
}

/** Fully qualified names (without the leading dot) of the messages and enums each file defines. */
function symbolsOf(files: IFileDescriptorProto[]): Map<string, string> {
  const owner = new Map<string, string>();
  const visit = (prefix: string, file: string, message: IDescriptorProto): void => {
    const name = `${prefix}${message.name}`;
    owner.set(name, file);
    for (const e of message.enumType ?? []) owner.set(`${name}.${e.name}`, file);
    for (const n of message.nestedType ?? []) visit(`${name}.`, file, n);
  };
  for (const f of files) {
    const prefix = f.package ? `${f.package}.` : '';
    for (const m of f.messageType ?? []) visit(prefix, f.name!, m);
    for (const e of f.enumType ?? []) owner.set(`${prefix}${e.name}`, f.name!);
  }
  return owner;
}

/** The file that defines `ref` as seen from `scope`, by protobuf's rules (innermost scope first). */
function resolve(owner: Map<string, string>, ref: string, scope: string): string | undefined {
  if (ref.startsWith('.')) return owner.get(ref.slice(1));
  let at = scope;
  for (;;) {
    const found = owner.get(at ? `${at}.${ref}` : ref);
    if (found || !at) return found;
    at = at.includes('.') ? at.slice(0, at.lastIndexOf('.')) : '';
  }
}

function referencesOf(file: IFileDescriptorProto): { ref: string; scope: string }[] {
  const out: { ref: string; scope: string }[] = [];
  const visit = (scope: string, message: IDescriptorProto): void => {
    const inner = scope ? `${scope}.${message.name}` : message.name!;
    for (const f of message.field ?? [])
      if (f.typeName) out.push({ ref: f.typeName, scope: inner });
    for (const n of message.nestedType ?? []) visit(inner, n);
  };
  for (const m of file.messageType ?? []) visit(file.package ?? '', m);
  for (const s of file.service ?? [])
    for (const m of s.method ?? [])
      out.push(
        { ref: m.inputType!, scope: file.package ?? '' },
        { ref: m.outputType!, scope: file.package ?? '' },
      );
  return out;
}

export function reflectionService(definition: PackageDefinition): ReflectionService {
  const files = new Map<string, IFileDescriptorProto>();
  for (const entry of Object.values(definition)) {
    for (const bytes of (entry as { fileDescriptorProtos?: Buffer[] }).fileDescriptorProtos ?? []) {
      const file = descriptor.FileDescriptorProto.decode(bytes) as IFileDescriptorProto;
      if (file.name && !files.has(file.name)) files.set(file.name, file);
    }
  }
  const owner = symbolsOf([...files.values()]);
  for (const file of files.values()) {
    for (const m of file.messageType ?? []) renameMapEntries(m);
    const deps = new Set<string>();
    for (const { ref, scope } of referencesOf(file)) {
      const dep = resolve(owner, ref, scope);
      if (dep && dep !== file.name) deps.add(dep);
    }
    file.dependency = [...deps].sort();
  }
  // After renaming: the entry types' names changed, so symbols are indexed from the fixed files.
  const encoded = [...files.values()].map((f) =>
    Buffer.from(descriptor.FileDescriptorProto.encode(f).finish()),
  );
  return new ReflectionService({
    files: { fileDescriptorProtos: encoded },
  } as unknown as PackageDefinition);
}
