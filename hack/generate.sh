#!/usr/bin/env bash
# Rewrites every file generated from the types in Sources/AstroliftAPI:
#   manifests/crds/*.yaml and charts/astrolift/crds/*.yaml       the CRDs
#   manifests/rbac/{clusterrole,leader-election-role,tenant-roles}.yaml
#   charts/astrolift/templates/{clusterrole,leader-election-role,tenant-roles}.yaml
# Run it after changing a type or ControllerRequirements, and commit the result:
# GeneratedFilesTests fails while the checked-in files differ from what the types give.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product astrolift 2>&1 | grep -v -E "^warning: 'swift-distributed-tracing'|unhandled|CMakeLists" || true
"$(swift build --show-bin-path)/astrolift" manifests generate --root .
