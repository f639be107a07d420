#!/bin/sh
# Scans every host in hosts.txt, 4 at a time, into one report: each file's path starts with its host's URL
# (sftp://audit@web1.example.internal/srv/www/…), and a host that cannot be scanned (unreachable, key refused,
# permission denied) is listed under the report's errors while the others go on.
#
# Host keys are checked against known_hosts: collect them once, compare each fingerprint with the one the
# server's owner reads from the server itself (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), then keep the
# file with the scan. An unknown or changed key stops the run with exit 2.
set -eu
RESIDUE=${RESIDUE:-npx residue}

# Once: ssh-keyscan -p 2222 db1.example.internal; ssh-keyscan web1.example.internal … >> estate_known_hosts
$RESIDUE scan --hosts hosts.txt --host-concurrency 4 \
  --known-hosts estate_known_hosts --identity ~/.ssh/residue_audit_ed25519 \
  --format json --output estate.json --fail-on personal-data --fail-on-incomplete --quiet
# Exit 0: nothing found and every host scanned; 1: a personal-data file; 3: some host or file not scanned;
# 2: a usage error, an unreadable hosts file or identity, or an unknown or changed host key.
