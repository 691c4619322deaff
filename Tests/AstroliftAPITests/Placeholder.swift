import XCTest

final class AstroliftAPITestsPlaceholder: XCTestCase {}
