from dutylist.cli import main

main()
