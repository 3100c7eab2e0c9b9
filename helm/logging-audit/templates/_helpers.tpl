{{/* Names, labels and small pieces shared by the templates. */}}

{{- define "logging-audit.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "logging-audit.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "logging-audit.selectorLabels" -}}
app.kubernetes.io/name: {{ include "logging-audit.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "logging-audit.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 }}
{{ include "logging-audit.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: logging-audit
{{- end }}

{{/* The label that lets a pod reach the service through the NetworkPolicy. */}}
{{- define "logging-audit.clientLabel" -}}
{{ include "logging-audit.fullname" . }}-client: "true"
{{- end }}

{{- define "logging-audit.configMapName" -}}
{{ include "logging-audit.fullname" . }}-config
{{- end }}

{{- define "logging-audit.secretName" -}}
{{ .Values.existingSecret | default (printf "%s-secrets" (include "logging-audit.fullname" .)) }}
{{- end }}

{{- define "logging-audit.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "logging-audit.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* repository:tag or repository@digest of an {repository, tag, digest} value. */}}
{{- define "logging-audit.imageRef" -}}
{{- if .digest }}{{ .repository }}@{{ .digest }}{{ else }}{{ .repository }}:{{ .tag }}{{ end }}
{{- end }}

{{- define "logging-audit.image" -}}
{{- $image := dict "repository" .Values.image.repository "tag" (.Values.image.tag | default .Chart.AppVersion) "digest" .Values.image.digest }}
{{- include "logging-audit.imageRef" $image }}
{{- end }}

{{/* A setting's value as the environment string the service parses. */}}
{{- define "logging-audit.envValue" -}}
{{- $v := . }}
{{- if kindIs "invalid" $v }}
{{- else if kindIs "slice" $v }}{{ join "," $v }}
{{- else if kindIs "map" $v }}{{ toJson $v }}
{{- else if or (kindIs "float64" $v) (kindIs "int64" $v) (kindIs "int" $v) }}{{ $v | int64 }}
{{- else }}{{ $v }}
{{- end }}
{{- end }}

{{/* Whether a secret setting is available: in `secrets` or in the existing Secret's keys. */}}
{{- define "logging-audit.hasSecret" -}}
{{- $root := index . 0 }}{{ $key := index . 1 }}
{{- if $root.Values.existingSecret }}
{{- if has $key $root.Values.existingSecretKeys }}true{{ end }}
{{- else if index $root.Values.secrets $key }}true{{ end }}
{{- end }}

{{/* Postgres is configured: migrations run as a hook, DATA_DIR needs no volume. */}}
{{- define "logging-audit.postgres" -}}
{{- include "logging-audit.hasSecret" (list . "DATABASE_URL") }}
{{- end }}

{{- define "logging-audit.eckName" -}}
{{ .Values.elasticsearch.eck.name | default (include "logging-audit.fullname" .) | trunc 36 | trimSuffix "-" }}
{{- end }}

{{/* A search cluster is configured (an URL, or the chart's ECK cluster). */}}
{{- define "logging-audit.search" -}}
{{- if or .Values.config.ELASTICSEARCH_URL .Values.elasticsearch.eck.enabled }}true{{ end }}
{{- end }}

{{/* Settings the chart computes from its own components, overriding the ConfigMap. */}}
{{- define "logging-audit.computedConfig" -}}
{{- $out := dict }}
{{- if .Values.elasticsearch.eck.enabled }}
{{- $_ := set $out "ELASTICSEARCH_URL" (printf "https://%s-es-http:9200" (include "logging-audit.eckName" .)) }}
{{- $_ := set $out "SEARCH_ENGINE" "elasticsearch" }}
{{- end }}
{{- if .Values.redis.enabled }}
{{- $_ := set $out "REDIS_REST_URL" (printf "http://%s-redis-rest:80" (include "logging-audit.fullname" .)) }}
{{- end }}
{{- toYaml $out }}
{{- end }}

{{/* The restricted Pod Security Standard, for every pod of the chart. */}}
{{- define "logging-audit.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ . | default 65532 }}
runAsGroup: {{ . | default 65532 }}
fsGroup: {{ . | default 65532 }}
fsGroupChangePolicy: OnRootMismatch
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "logging-audit.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
privileged: false
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/*
  The service's environment: every setting, from the ConfigMap or the Secret, by name.
  Settings the chart computes (its own Elasticsearch or Redis) are set directly, and a
  caller may replace any entry: dict "root" $ "overrides" (dict NAME {value | valueFrom}).
*/}}
{{- define "logging-audit.env" -}}
{{- $root := .root }}
{{- $over := dict }}
{{- range $key, $value := include "logging-audit.computedConfig" $root | fromYaml }}
{{- $_ := set $over $key (dict "value" $value) }}
{{- end }}
{{- $over = merge (deepCopy (.overrides | default dict)) $over }}
{{- $configMap := include "logging-audit.configMapName" $root }}
{{- $secret := include "logging-audit.secretName" $root }}
{{- range $key := keys $root.Values.config | sortAlpha }}
- name: {{ $key }}
{{- if hasKey $over $key }}
  {{- toYaml (get $over $key) | nindent 2 }}
{{- else }}
  valueFrom:
    configMapKeyRef:
      name: {{ $configMap }}
      key: {{ $key }}
{{- end }}
{{- end }}
{{- range $key := keys $root.Values.secrets | sortAlpha }}
- name: {{ $key }}
{{- if hasKey $over $key }}
  {{- toYaml (get $over $key) | nindent 2 }}
{{- else }}
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $key }}
      optional: true
{{- end }}
{{- end }}
{{- if $root.Values.elasticsearch.eck.enabled }}
# Trust the ECK cluster's generated CA (Deno reads extra CA certificates from DENO_CERT).
- name: DENO_CERT
  value: /etc/eck-ca/ca.crt
{{- end }}
{{- end }}
