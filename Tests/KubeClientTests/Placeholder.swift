import XCTest

final class KubeClientTestsPlaceholder: XCTestCase {}
