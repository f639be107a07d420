import type { Command } from 'commander';
import type { CliIo } from '../io.js';

/** A command adds itself to the program; `exit` sets the code the process ends with. */
export type RegisterCommand = (program: Command, io: CliIo, exit: (code: number) => void) => void;
