"""The commands besides `check` and `serve`: what the tool thinks the settings are (`rules`,
`explain`, `config`) and the check of a rule pack's own examples (`test`).

`lint/cli.py` only wires their arguments; each module here does one command's work and
returns an exit code.
"""
