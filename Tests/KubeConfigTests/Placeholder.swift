import XCTest

final class KubeConfigTestsPlaceholder: XCTestCase {}
