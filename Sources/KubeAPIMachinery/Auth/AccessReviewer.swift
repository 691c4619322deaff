import Foundation
import KubeCore
import KubeModels

/// Lists the rules that apply to a user in a namespace, for SelfSubjectRulesReview.
public protocol RuleResolver: Sendable {
    func rules(for user: AuthenticatedUser, namespace: String) -> (rules: [PolicyRule], errors: [String])
}

extension RBACPolicy: RuleResolver {}
extension RBACAuthorizer: RuleResolver {}

/// Answers the review APIs from the same authorizer that guards requests:
/// SelfSubjectAccessReview (`kubectl auth can-i`), SubjectAccessReview,
/// SelfSubjectReview (`kubectl auth whoami`) and SelfSubjectRulesReview
/// (`kubectl auth can-i --list`).
public struct AccessReviewer: Sendable {
    /// The authorizer consulted: the API server's own.
    public let authorizer: any Authorizer
    /// Where rules reviews come from; `nil` when authorization is off (everything allowed),
    /// in which case rules reviews report `*` rules, as the real always-allow mode does.
    public let ruleResolver: (any RuleResolver)?

    public init(authorizer: any Authorizer, ruleResolver: (any RuleResolver)? = nil) {
        self.authorizer = authorizer
        self.ruleResolver = ruleResolver
    }

    /// A reviewer over an RBAC authorizer, which also resolves rules.
    public init(rbac: RBACAuthorizer) {
        self.init(authorizer: rbac, ruleResolver: rbac)
    }

    /// Answers whether `user` (the caller) may do what `request.spec` describes.
    /// 422 when the spec names both or neither of resource and non-resource attributes.
    public func review(_ request: SelfSubjectAccessReview, user: AuthenticatedUser) throws(AuthAPIError)
        -> SelfSubjectAccessReview
    {
        var errors = [AuthFieldError]()
        Self.validateAttributes(
            resource: request.spec.resourceAttributes, nonResource: request.spec.nonResourceAttributes,
            errors: &errors)
        if !errors.isEmpty {
            throw AuthAPIError.invalid(
                kind: SelfSubjectAccessReview.resource.kind, group: SelfSubjectAccessReview.resource.group, name: "",
                errors: errors)
        }
        var response = request
        response.apiVersion = SelfSubjectAccessReview.resource.apiVersion
        response.kind = SelfSubjectAccessReview.resource.kind
        response.status = decide(
            user: user, resource: request.spec.resourceAttributes, nonResource: request.spec.nonResourceAttributes)
        return response
    }

    /// Answers whether the user in `request.spec` (user, groups, uid, extra, taken as
    /// given: no `system:authenticated` is added) may do what it describes. 422 when the
    /// spec names neither user nor groups, or both or neither kind of attributes.
    public func review(_ request: SubjectAccessReview) throws(AuthAPIError) -> SubjectAccessReview {
        let spec = request.spec
        var errors = [AuthFieldError]()
        Self.validateAttributes(
            resource: spec.resourceAttributes, nonResource: spec.nonResourceAttributes, errors: &errors)
        if (spec.user ?? "").isEmpty && (spec.groups ?? []).isEmpty {
            errors.append(.invalid("spec.user", spec.user ?? "", "at least one of user or group must be specified"))
        }
        if !errors.isEmpty {
            throw AuthAPIError.invalid(
                kind: SubjectAccessReview.resource.kind, group: SubjectAccessReview.resource.group, name: "",
                errors: errors)
        }
        let user = AuthenticatedUser(
            username: spec.user ?? "", uid: spec.uid ?? "", groups: spec.groups ?? [], extra: spec.extra ?? [:])
        var response = request
        response.apiVersion = SubjectAccessReview.resource.apiVersion
        response.kind = SubjectAccessReview.resource.kind
        response.status = decide(user: user, resource: spec.resourceAttributes, nonResource: spec.nonResourceAttributes)
        return response
    }

    /// The caller's identity (`kubectl auth whoami`): `status.userInfo`, stamped `now`.
    public static func review(_ request: SelfSubjectReview, user: AuthenticatedUser, now: Date = Date())
        -> SelfSubjectReview
    {
        var response = request
        response.apiVersion = SelfSubjectReview.resource.apiVersion
        response.kind = SelfSubjectReview.resource.kind
        response.metadata = ObjectMeta()
        response.metadata.creationTimestamp = Time(now)
        response.status = SelfSubjectReviewStatus(userInfo: user.userInfo)
        return response
    }

    /// Answers a SelfSubjectRulesReview (given as JSON: KubeModels has no type for it):
    /// `status.resourceRules`, `status.nonResourceRules`, `status.incomplete` and, when
    /// some bindings name missing roles, `status.evaluationError`. 400 without
    /// `spec.namespace`, as in the real server.
    public func rulesReview(_ request: JSONValue, user: AuthenticatedUser) throws(AuthAPIError) -> JSONValue {
        guard let namespace = request[path: ["spec", "namespace"]]?.stringValue, !namespace.isEmpty else {
            throw AuthAPIError.badRequest("no namespace on request")
        }
        let rules: [PolicyRule]
        var errors = [String]()
        if let ruleResolver {
            (rules, errors) = ruleResolver.rules(for: user, namespace: namespace)
        } else {
            rules = [
                PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"]),
                PolicyRule(verbs: ["*"], nonResourceURLs: ["*"]),
            ]
        }
        var resourceRules = [JSONValue]()
        var nonResourceRules = [JSONValue]()
        for rule in rules {
            if !(rule.resources ?? []).isEmpty {
                var entry: [String: JSONValue] = ["verbs": Self.list(rule.verbs)]
                if let groups = rule.apiGroups, !groups.isEmpty { entry["apiGroups"] = Self.list(groups) }
                entry["resources"] = Self.list(rule.resources ?? [])
                if let names = rule.resourceNames, !names.isEmpty { entry["resourceNames"] = Self.list(names) }
                resourceRules.append(.object(entry))
            }
            if let urls = rule.nonResourceURLs, !urls.isEmpty {
                nonResourceRules.append(["verbs": Self.list(rule.verbs), "nonResourceURLs": Self.list(urls)])
            }
        }
        var status: [String: JSONValue] = [
            "resourceRules": .array(resourceRules),
            "nonResourceRules": .array(nonResourceRules),
            "incomplete": false,
        ]
        if !errors.isEmpty { status["evaluationError"] = .string(AuthText.aggregate(errors)) }
        return [
            "apiVersion": "authorization.k8s.io/v1",
            "kind": "SelfSubjectRulesReview",
            "metadata": [:],
            "spec": [:],
            "status": .object(status),
        ]
    }

    private static func list(_ items: [String]) -> JSONValue { .array(items.map { .string($0) }) }

    private func decide(
        user: AuthenticatedUser, resource: ResourceAttributes?, nonResource: NonResourceAttributes?
    ) -> SubjectAccessReviewStatus {
        let attributes: AuthorizationAttributes
        if let r = resource {
            attributes = .resource(
                user: user, verb: r.verb ?? "", group: r.group ?? "", version: r.version ?? "",
                resource: r.resource ?? "",
                subresource: r.subresource ?? "", name: r.name ?? "", namespace: r.namespace ?? "")
        } else {
            attributes = .nonResource(user: user, verb: nonResource?.verb ?? "", path: nonResource?.path ?? "")
        }
        let decision = authorizer.authorize(attributes)
        return SubjectAccessReviewStatus(
            allowed: decision.verdict == .allow, denied: decision.verdict == .deny ? true : nil,
            reason: decision.reason.isEmpty ? nil : decision.reason, evaluationError: decision.evaluationError)
    }

    private static func validateAttributes(
        resource: ResourceAttributes?, nonResource: NonResourceAttributes?, errors: inout [AuthFieldError]
    ) {
        if resource != nil, let nonResource {
            let value = (try? JSONValue(encoding: nonResource))?.jsonString ?? "{}"
            errors.append(
                AuthFieldError(
                    field: "spec.nonResourceAttributes", kind: .invalid(value: value),
                    detail: "cannot be specified in combination with resourceAttributes"))
        }
        if resource == nil && nonResource == nil {
            errors.append(
                AuthFieldError(
                    field: "spec.resourceAttributes", kind: .invalid(value: "null"),
                    detail: "exactly one of nonResourceAttributes or resourceAttributes must be specified"))
        }
    }
}
