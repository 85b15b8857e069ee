#!/usr/bin/env node
import '../dist/cd4ml.js';
