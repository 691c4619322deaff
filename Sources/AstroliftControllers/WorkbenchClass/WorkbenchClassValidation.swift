import AstroliftAPI
import KubeCore

/// Checks of a WorkbenchClass beyond what its CRD schema enforces at admission (the
/// schema runs in the API server; these also catch objects written before a rule
/// existed, and cross-profile rules the schema cannot state).
public enum WorkbenchClassValidation {
    /// Every problem, each naming its field; empty when the class is valid.
    public static func problems(_ spec: WorkbenchClassSpec) -> [String] {
        var problems: [String] = []
        if !(spec.allowUnpinnedImage ?? false), !isDigestPinned(spec.image) {
            problems.append(
                "spec.image: \"\(spec.image)\" is not pinned by digest (…@sha256:<64 hex>); pin it, or set allowUnpinnedImage: true for development"
            )
        }
        if spec.profiles.isEmpty {
            problems.append("spec.profiles: at least one profile is required")
        }
        var names = Set<String>()
        for (i, profile) in spec.profiles.enumerated() {
            if !names.insert(profile.name).inserted {
                problems.append("spec.profiles[\(i)].name: profile \"\(profile.name)\" is listed twice")
            }
            let requests = profile.resources?.requests ?? [:]
            let limits = profile.resources?.limits ?? [:]
            for (resource, limit) in limits.sorted(by: { $0.key < $1.key }) {
                if let request = requests[resource], request > limit {
                    problems.append(
                        "spec.profiles[\(i)].resources: the \(resource) request \(request) is above its limit \(limit)")
                }
            }
        }
        if let wanted = spec.defaultProfile, !names.contains(wanted) {
            problems.append(
                "spec.defaultProfile: no profile is named \"\(wanted)\" (profiles: \(spec.profiles.map(\.name).joined(separator: ", ")))"
            )
        }
        if spec.defaultProfile == nil, spec.profiles.count > 1 {
            problems.append("spec.defaultProfile: required when there is more than one profile")
        }
        return problems
    }

    /// Whether an image reference ends in `@sha256:` and 64 lower-case hex digits.
    public static func isDigestPinned(_ image: String) -> Bool {
        guard let at = image.range(of: "@sha256:", options: .backwards) else { return false }
        let digest = image[at.upperBound...]
        return digest.count == 64 && digest.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}
