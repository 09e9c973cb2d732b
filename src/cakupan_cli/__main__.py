from cakupan_cli import main

main()
