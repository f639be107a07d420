import { checkRules, listRules } from '../../commands/rules.js';
import { EXIT } from '../../model/exit-codes.js';
import { collect } from '../args.js';
import type { RegisterCommand } from './register.js';

export const registerRules: RegisterCommand = (program, io, exit) => {
  const rules = program.command('rules').description('list and check rule packs');
  rules
    .command('list')
    .description('list rule packs and their rules')
    .option('--rules <name|path>', 'pack to list (repeatable; default: all built-in)', collect, [])
    .option('--json', 'machine-readable output', false)
    .action((o: { rules: string[]; json: boolean }) => {
      const listing = listRules(o.rules);
      if (o.json) {
        io.stdout(`${JSON.stringify(listing, null, 2)}\n`);
        return;
      }
      for (const pack of listing) {
        io.stdout(`${pack.pack} ${pack.version} (${pack.source})\n`);
        for (const r of pack.rules)
          io.stdout(`  ${r.id.padEnd(32)} ${r.category.padEnd(16)} ${r.severity.padEnd(8)} ${r.name}\n`);
      }
    });
  rules
    .command('check')
    .description("run every rule's examples and negative examples through the real pipeline")
    .argument('[path...]', 'rule pack files (default: the built-in packs)')
    .action(async (paths: string[]) => {
      const result = await checkRules(paths);
      for (const f of result.failures) {
        const want =
          f.kind === 'example'
            ? 'should match but did not'
            : `should not match but did (confidence ${f.confidence})`;
        io.stdout(`FAIL ${f.pack} ${f.ruleId} ${f.kind}[${f.index}] ${want}: ${JSON.stringify(f.text)}\n`);
      }
      const passed = result.examples - result.failures.length;
      io.stdout(
        `${result.rules} rules, ${result.examples} examples: ${passed} passed, ${result.failures.length} failed\n`,
      );
      exit(result.failures.length > 0 ? EXIT.findings : EXIT.ok);
    });
};
