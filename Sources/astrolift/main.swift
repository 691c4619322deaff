import AstroliftCLI

// Before the first await, while this is the only thread.
AstroliftCommand.prepareProcess()
await AstroliftCommand.runFromCommandLine()
