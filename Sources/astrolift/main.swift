import AstroliftCLI

await AstroliftCommand.main()
