from ecslint.cli import main

main()
