import Foundation
import KubeCore

@testable import KubeAPIMachinery

/// A realistic CRD used across the schema tests: nested objects, arrays of every list type,
/// enums, defaults, formats, int-or-string, embedded resources and CEL rules.
enum SchemaFixtures {
    static let widgetCRDYAML = #"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          names:
            kind: Widget
            listKind: WidgetList
            plural: widgets
            singular: widget
            shortNames: [wd]
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
            schema:
              openAPIV3Schema:
                type: object
                description: A Widget is a thing the factory makes.
                properties:
                  spec:
                    type: object
                    description: The desired state of the widget.
                    required: [size]
                    x-kubernetes-validations:
                    - rule: self.minReplicas <= self.replicas
                      message: replicas must be at least minReplicas
                      fieldPath: .replicas
                    properties:
                      size:
                        type: string
                        description: How big the widget is.
                        enum: [small, medium, large]
                      replicas:
                        type: integer
                        format: int32
                        description: How many widgets to make.
                        minimum: 0
                        maximum: 10
                        default: 1
                      minReplicas:
                        type: integer
                        default: 0
                      color:
                        type: string
                        pattern: '^#[0-9a-f]{6}$'
                        default: '#000000'
                      name:
                        type: string
                        minLength: 1
                        maxLength: 10
                      mode:
                        type: string
                        x-kubernetes-validations:
                        - rule: self == oldSelf
                          message: mode is immutable
                      owner:
                        type: string
                        x-kubernetes-validations:
                        - rule: self.startsWith('team-')
                          reason: FieldValueForbidden
                          messageExpression: "'owner ' + self + ' must start with team-'"
                      tags:
                        type: array
                        maxItems: 3
                        x-kubernetes-list-type: set
                        items:
                          type: string
                      ports:
                        type: array
                        x-kubernetes-list-type: map
                        x-kubernetes-list-map-keys: [name]
                        items:
                          type: object
                          required: [name]
                          properties:
                            name:
                              type: string
                            port:
                              type: integer
                              minimum: 1
                              maximum: 65535
                            protocol:
                              type: string
                              default: TCP
                      cpu:
                        x-kubernetes-int-or-string: true
                        anyOf:
                        - type: integer
                        - type: string
                      labels:
                        type: object
                        additionalProperties:
                          type: string
                      template:
                        type: object
                        x-kubernetes-preserve-unknown-fields: true
                      startedAt:
                        type: string
                        format: date-time
                      ratio:
                        type: number
                        multipleOf: 0.5
                      config:
                        type: object
                        x-kubernetes-embedded-resource: true
                        x-kubernetes-preserve-unknown-fields: true
                  status:
                    type: object
                    properties:
                      phase:
                        type: string
                      observedGeneration:
                        type: integer
        """#

    static var widgetCRD: JSONValue {
        (try? YAMLDocuments.parseSingle(widgetCRDYAML)) ?? .null
    }

    static var widgetSchemaJSON: JSONValue {
        widgetCRD[path: ["spec", "versions"]]?[0]?[path: ["schema", "openAPIV3Schema"]] ?? .null
    }

    static func widgetSchema() throws -> CustomResourceSchema {
        try CustomResourceSchema(openAPIV3Schema: widgetSchemaJSON, statusSubresource: true)
    }

    static func yaml(_ text: String) throws -> JSONValue {
        try YAMLDocuments.parseSingle(text)
    }

    /// A Widget with the given spec (as YAML).
    static func widget(spec: String) throws -> JSONValue {
        var object: JSONValue = [
            "apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w1", "namespace": "default"],
        ]
        object["spec"] = try yaml(spec)
        return object
    }
}
