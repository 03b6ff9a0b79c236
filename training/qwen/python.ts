import { existsSync } from 'node:fs';

/**
 * The interpreter that runs training/qwen/*.py: Debian's, which sees python3-onnx and python3-numpy (a pyenv
 * `python3` first on PATH does not). QWEN_PYTHON overrides.
 */
export const QWEN_PYTHON = process.env['QWEN_PYTHON'] ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
