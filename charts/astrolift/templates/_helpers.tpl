{{/* The chart's name. */}}
{{- define "astrolift.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The prefix of every object's name: the release name, with "astrolift" unless it says so already. */}}
{{- define "astrolift.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 52 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 52 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels of every object. */}}
{{- define "astrolift.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "astrolift.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: astrolift
{{- end -}}

{{/* Labels that select the controller's pods. */}}
{{- define "astrolift.selectorLabels" -}}
app.kubernetes.io/name: {{ include "astrolift.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* The controller's ServiceAccount name. */}}
{{- define "astrolift.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (printf "%s-controller" (include "astrolift.fullname" .)) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
An image reference from (dict "root" $ "image" IMAGE). global.imageRegistry wins over
every registry. A sidecar image with no repository is the controller's image (the same
binary), digest and tag included; one with its own repository but no tag or digest gets
the controller's tag.
*/}}
{{- define "astrolift.image" -}}
{{- $root := .root -}}
{{- $main := $root.Values.image -}}
{{- $image := .image -}}
{{- $registry := coalesce $root.Values.global.imageRegistry $image.registry $main.registry -}}
{{- $repository := coalesce $image.repository $main.repository -}}
{{- $tag := "" -}}
{{- $digest := "" -}}
{{- if or $image.digest $image.tag -}}
{{- $tag = $image.tag | default "" -}}
{{- $digest = $image.digest | default "" -}}
{{- else if $image.repository -}}
{{- $tag = $main.tag | default $root.Chart.AppVersion -}}
{{- else -}}
{{- $tag = $main.tag | default $root.Chart.AppVersion -}}
{{- $digest = $main.digest | default "" -}}
{{- end -}}
{{- $name := ternary $repository (printf "%s/%s" $registry $repository) (empty $registry) -}}
{{- if $digest -}}
{{- printf "%s@%s" $name $digest -}}
{{- else -}}
{{- printf "%s:%s" $name (toString $tag) -}}
{{- end -}}
{{- end -}}

{{/* Every image pull secret: global ones first. */}}
{{- define "astrolift.imagePullSecrets" -}}
{{- $secrets := concat (.Values.global.imagePullSecrets | default list) (.Values.imagePullSecrets | default list) -}}
{{- if $secrets }}
imagePullSecrets:
{{- range $secrets }}
  - name: {{ .name }}
{{- end }}
{{- end }}
{{- end -}}
