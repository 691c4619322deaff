import Foundation
import KubeCore

/// Security settings of one container; they override the Pod's.
public struct SecurityContext: Codable, Sendable, Hashable {
    /// The UID the process runs as.
    public var runAsUser: Int64?
    /// The GID the process runs as.
    public var runAsGroup: Int64?
    /// When true, the kubelet refuses to start the container as UID 0.
    public var runAsNonRoot: Bool?
    /// Whether the root filesystem is read-only.
    public var readOnlyRootFilesystem: Bool?
    /// Whether a process can gain more privileges than its parent (`no_new_privs`).
    public var allowPrivilegeEscalation: Bool?
    /// Runs the container as privileged (equivalent to root on the host).
    public var privileged: Bool?
    /// Linux capabilities to add and drop.
    public var capabilities: Capabilities?
    /// The seccomp profile.
    public var seccompProfile: SeccompProfile?
    /// The AppArmor profile.
    public var appArmorProfile: AppArmorProfile?
    /// The SELinux context.
    public var seLinuxOptions: SELinuxOptions?
    /// `Default` or `Unmasked`.
    public var procMount: String?
    /// Windows-specific settings, kept as raw JSON.
    public var windowsOptions: JSONValue?

    public init(
        runAsUser: Int64? = nil, runAsGroup: Int64? = nil, runAsNonRoot: Bool? = nil,
        readOnlyRootFilesystem: Bool? = nil, allowPrivilegeEscalation: Bool? = nil, privileged: Bool? = nil,
        capabilities: Capabilities? = nil, seccompProfile: SeccompProfile? = nil,
        appArmorProfile: AppArmorProfile? = nil, seLinuxOptions: SELinuxOptions? = nil, procMount: String? = nil,
        windowsOptions: JSONValue? = nil
    ) {
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.runAsNonRoot = runAsNonRoot
        self.readOnlyRootFilesystem = readOnlyRootFilesystem
        self.allowPrivilegeEscalation = allowPrivilegeEscalation
        self.privileged = privileged
        self.capabilities = capabilities
        self.seccompProfile = seccompProfile
        self.appArmorProfile = appArmorProfile
        self.seLinuxOptions = seLinuxOptions
        self.procMount = procMount
        self.windowsOptions = windowsOptions
    }

    /// The hardened settings of the Pod Security Standards' `restricted` profile: non-root,
    /// no privilege escalation, every capability dropped, the runtime's default seccomp profile.
    public static var restricted: SecurityContext {
        SecurityContext(
            runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: Capabilities(drop: ["ALL"]),
            seccompProfile: SeccompProfile(type: "RuntimeDefault"))
    }
}

/// Security settings that apply to every container of a Pod.
public struct PodSecurityContext: Codable, Sendable, Hashable {
    /// The UID processes run as.
    public var runAsUser: Int64?
    /// The GID processes run as.
    public var runAsGroup: Int64?
    /// When true, the kubelet refuses to start containers as UID 0.
    public var runAsNonRoot: Bool?
    /// A group that owns mounted volumes and is added to every process.
    public var fsGroup: Int64?
    /// `OnRootMismatch` or `Always`: when to change volume ownership.
    public var fsGroupChangePolicy: String?
    /// Extra groups for every process.
    public var supplementalGroups: [Int64]?
    /// `Merge` or `Strict`.
    public var supplementalGroupsPolicy: String?
    /// The seccomp profile.
    public var seccompProfile: SeccompProfile?
    /// The AppArmor profile.
    public var appArmorProfile: AppArmorProfile?
    /// The SELinux context.
    public var seLinuxOptions: SELinuxOptions?
    /// `MountOption` or `Recursive`.
    public var seLinuxChangePolicy: String?
    /// Namespaced kernel parameters.
    public var sysctls: [Sysctl]?
    /// Windows-specific settings, kept as raw JSON.
    public var windowsOptions: JSONValue?

    public init(
        runAsUser: Int64? = nil, runAsGroup: Int64? = nil, runAsNonRoot: Bool? = nil, fsGroup: Int64? = nil,
        fsGroupChangePolicy: String? = nil, supplementalGroups: [Int64]? = nil,
        supplementalGroupsPolicy: String? = nil, seccompProfile: SeccompProfile? = nil,
        appArmorProfile: AppArmorProfile? = nil, seLinuxOptions: SELinuxOptions? = nil,
        seLinuxChangePolicy: String? = nil, sysctls: [Sysctl]? = nil, windowsOptions: JSONValue? = nil
    ) {
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.runAsNonRoot = runAsNonRoot
        self.fsGroup = fsGroup
        self.fsGroupChangePolicy = fsGroupChangePolicy
        self.supplementalGroups = supplementalGroups
        self.supplementalGroupsPolicy = supplementalGroupsPolicy
        self.seccompProfile = seccompProfile
        self.appArmorProfile = appArmorProfile
        self.seLinuxOptions = seLinuxOptions
        self.seLinuxChangePolicy = seLinuxChangePolicy
        self.sysctls = sysctls
        self.windowsOptions = windowsOptions
    }
}

/// Linux capabilities to add to and drop from a container.
public struct Capabilities: Codable, Sendable, Hashable {
    /// Capabilities to add, e.g. `NET_BIND_SERVICE`.
    public var add: [String]?
    /// Capabilities to drop, e.g. `ALL`.
    public var drop: [String]?

    public init(add: [String]? = nil, drop: [String]? = nil) {
        self.add = add
        self.drop = drop
    }
}

/// A seccomp profile.
public struct SeccompProfile: Codable, Sendable, Hashable {
    /// `RuntimeDefault`, `Unconfined` or `Localhost`.
    public var type: String
    /// The profile file on the node, for `Localhost`.
    public var localhostProfile: String?

    public init(type: String, localhostProfile: String? = nil) {
        self.type = type
        self.localhostProfile = localhostProfile
    }
}

/// An AppArmor profile.
public struct AppArmorProfile: Codable, Sendable, Hashable {
    /// `RuntimeDefault`, `Unconfined` or `Localhost`.
    public var type: String
    /// The profile loaded on the node, for `Localhost`.
    public var localhostProfile: String?

    public init(type: String, localhostProfile: String? = nil) {
        self.type = type
        self.localhostProfile = localhostProfile
    }
}

/// An SELinux context.
public struct SELinuxOptions: Codable, Sendable, Hashable {
    /// The SELinux user.
    public var user: String?
    /// The SELinux role.
    public var role: String?
    /// The SELinux type.
    public var type: String?
    /// The SELinux level.
    public var level: String?

    public init(user: String? = nil, role: String? = nil, type: String? = nil, level: String? = nil) {
        self.user = user
        self.role = role
        self.type = type
        self.level = level
    }
}

/// A kernel parameter set for the Pod.
public struct Sysctl: Codable, Sendable, Hashable {
    /// The parameter, e.g. `net.ipv4.ip_local_port_range`.
    public var name: String
    /// The value.
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
