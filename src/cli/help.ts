/** Examples printed after `residue --help`: one block per kind of user. */
export const PROGRAM_EXAMPLES = `
Examples:
  Ops staff, before and after vendor maintenance:
    residue scan /srv /home --format json --output before.json
    residue scan /srv /home --format json --output after.json
    residue diff before.json after.json          # exit 1 if personal data appeared or was copied

  CI (fail the job when personal data lands in the repository):
    residue scan . --fail-on contains-pii --format sarif --output residue.sarif

  Contractors proving deletion to a data owner:
    residue keygen --out contractor
    residue attest /srv --key contractor.key --fingerprints owner-pack.rfp --out certificate.json
    residue verify certificate.json --pub contractor.pub --pack owner-pack.rfp

Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or rule-pack error,
3 incomplete scan (with --fail-on-incomplete). Values are masked in every output. NO_COLOR is honoured.
`;

/** Examples printed after `residue scan --help`. */
export const SCAN_EXAMPLES = `
Examples:
  residue scan fixtures/demo                         # text report; exit 1 when something is found
  residue scan . --fail-on personal-data --quiet     # CI: fail only on files of person records
  residue scan /srv --exclude 'proc/**' --format json --output scan.json
  residue scan exports/ --explain                    # why each finding scored what it did
  residue scan /data --rules uk-people --rules ./our-policy-numbers.yaml
  residue scan . --config ci/residue.config.yaml     # options from a file (see residue init)
  residue scan sftp://audit@db1.example:2222/srv     # a tree on another host, over SFTP
  residue scan --hosts hosts.txt --format json -o estate.json   # many hosts, one report
  residue scan /srv --shard 2/4 --format json -o part-2.json    # part 2 of 4; join with residue merge
`;
