import XCTest

final class KubeRuntimeTestsPlaceholder: XCTestCase {}
