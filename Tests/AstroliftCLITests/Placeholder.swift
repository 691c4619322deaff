import XCTest

final class AstroliftCLITestsPlaceholder: XCTestCase {}
