import AstroliftCLI

await AstroliftCommand.runFromCommandLine()
