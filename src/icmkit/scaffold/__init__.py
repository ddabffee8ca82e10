"""Starting a new program repository: plan the files from templates, check for conflicts,
and write them all or nothing. Nothing here prints or exits."""
