import { CONFIG_FILE } from './load.js';

/** What `residue init` writes: every setting, commented, at its default. Flags on the command line win. */
export const STARTER_CONFIG = `# ${CONFIG_FILE}: options for \`residue scan\` run in this folder (or given with --config).
# Flags on the command line override these. Paths are relative to this file.
scan:
  # Globs, relative to each scanned root.
  exclude:
    - "node_modules/**"
    - ".git/**"
  # include: ["**/*.csv"]
  # follow-symlinks: false
  # max-file-size: 1GiB

  # Rule packs: built-in names (see \`residue rules list\`) or paths to your own YAML packs.
  # rules: [uk-people, uk-identifiers, uk-contact, uk-financial, ./our-policy-numbers.yaml]
  # min-confidence: 0.5

  # CI: fail on any identifier (contains-pii), only on files of records (personal-data), or never.
  fail-on: contains-pii
  # fail-on-incomplete: true      # exit 3 when some file could not be fully read
  # format: text                  # text | json (and the CI formats your version lists in --help)
  # output: residue-report.json

  # Archives and documents.
  # max-depth: 8
  # max-expanded-size: 4GiB
  # max-members: 100000
  # time-budget: 600              # seconds per file

  # Fingerprints: the organisation key (created at first use when not set).
  # key-file: ~/.config/residue/fingerprint.key
`;
