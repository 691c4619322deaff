import Foundation
import SwiftASN1
import X509

/// What a serving certificate must cover, and how long certificates live; the input of
/// ``PKIDirectory/loadOrCreate(_:now:)``.
public struct ServingCertificateRequest: Sendable, Hashable {
    /// The CN of a newly generated CA.
    public var caCommonName: String
    /// The CN of the serving certificate (informational; clients match SANs).
    public var commonName: String
    /// DNS names the serving certificate must contain.
    public var dnsNames: [String]
    /// IP addresses (text) the serving certificate must contain.
    public var ipAddresses: [String]
    /// Lifetime of a newly generated CA.
    public var caValidity: TimeInterval
    /// Lifetime of a newly issued serving certificate.
    public var servingValidity: TimeInterval
    /// A stored certificate that expires within this interval is replaced rather than
    /// reused, so a long-running dev server does not hit expiry mid-session.
    public var renewBefore: TimeInterval

    /// Creates a request; the defaults cover a server on the loopback interface.
    public init(
        caCommonName: String = "astrolift-ca",
        commonName: String = "astrolift-apiserver",
        dnsNames: [String] = ["localhost"],
        ipAddresses: [String] = ["127.0.0.1", "::1"],
        caValidity: TimeInterval = CertificateAuthority.defaultValidity,
        servingValidity: TimeInterval = CertificateAuthority.defaultLeafValidity,
        renewBefore: TimeInterval = 7 * 24 * 60 * 60
    ) {
        self.caCommonName = caCommonName
        self.commonName = commonName
        self.dnsNames = dnsNames
        self.ipAddresses = ipAddresses
        self.caValidity = caValidity
        self.servingValidity = servingValidity
        self.renewBefore = renewBefore
    }

    /// Whether `certificate` names every requested DNS name and IP address
    /// (DNS names compared case-insensitively, IPs by their bytes so `::1` equals `0::1`).
    public func isCovered(by certificate: Certificate) throws -> Bool {
        let wantedIPs = try Set(ipAddresses.map { try IPAddress($0).bytes })
        let sans: SubjectAlternativeNames?
        do {
            sans = try certificate.extensions.subjectAlternativeNames
        } catch {
            return false
        }
        var haveDNS = Set<String>()
        var haveIPs = Set<[UInt8]>()
        for name in sans ?? SubjectAlternativeNames() {
            switch name {
            case .dnsName(let dns): haveDNS.insert(dns.lowercased())
            case .ipAddress(let octets): haveIPs.insert(Array(octets.bytes))
            default: break
            }
        }
        return Set(dnsNames.map { $0.lowercased() }).isSubset(of: haveDNS) && wantedIPs.isSubset(of: haveIPs)
    }
}
