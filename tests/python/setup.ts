// Runs before each python-tier test file: without Python, PyTorch and numpy the file fails here, before any test, saying what to install.
import { findPython } from './python';

console.log(`python tier: ${findPython()}`);
