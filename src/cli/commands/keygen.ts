import { runKeygen } from '../../commands/keygen.js';
import { EXIT } from '../../model/exit-codes.js';
import type { RegisterCommand } from './register.js';

export const registerKeygen: RegisterCommand = (program, io, exit) => {
  program
    .command('keygen')
    .description('make an Ed25519 key pair for signing deletion certificates')
    .addHelpText(
      'after',
      '\nExample:\n' +
        '  residue keygen --out contractor   # contractor.key (mode 0600, keep secret), contractor.pub (give to the owner)\n',
    )
    .requiredOption('--out <name>', 'write NAME.key (private, mode 0600) and NAME.pub; never overwrites')
    .action((o: { out: string }) => {
      const paths = runKeygen(o.out);
      io.stdout(
        `wrote ${paths.privateKey} (private: keep it secret, it signs your certificates)\n` +
          `wrote ${paths.publicKey} (public: give it to whoever checks your certificates, by a channel they trust)\n`,
      );
      exit(EXIT.ok);
    });
};
