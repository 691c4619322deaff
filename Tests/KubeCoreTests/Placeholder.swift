import XCTest

final class KubeCoreTestsPlaceholder: XCTestCase {}
