import XCTest

final class KubeTestServerTestsPlaceholder: XCTestCase {}
