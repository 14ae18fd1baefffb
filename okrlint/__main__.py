from okrlint.cli import console

console()
