{{/*
  A Job running one sub-command of the service's image: restricted security context,
  no service account token, a writable /tmp and the given environment.
  Arguments: dict root, name, args (list), env (YAML text), resources, backoffLimit,
  activeDeadlineSeconds, hook, weight, deletePolicy.
*/}}
{{- define "logging-audit.job" -}}
{{- $root := .root }}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ include "logging-audit.fullname" $root }}-{{ .name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "logging-audit.labels" $root | nindent 4 }}
    app.kubernetes.io/component: {{ .name }}
  annotations:
    helm.sh/hook: {{ .hook }}
    helm.sh/hook-weight: {{ .weight | quote }}
    helm.sh/hook-delete-policy: {{ .deletePolicy }}
    checkov.io/skip1: CKV_K8S_35=The sub-command reads its settings from the environment like the service; the secret values come from the Secret by key and are never logged.
    {{- if not $root.Values.image.digest }}
    checkov.io/skip2: CKV_K8S_43=Pinned by tag here; production sets image.digest.
    {{- end }}
spec:
  backoffLimit: {{ .backoffLimit }}
  activeDeadlineSeconds: {{ .activeDeadlineSeconds }}
  ttlSecondsAfterFinished: 86400
  template:
    metadata:
      labels:
        {{- include "logging-audit.selectorLabels" $root | nindent 8 }}
        app.kubernetes.io/component: {{ .name }}
    spec:
      restartPolicy: Never
      # No service account of the release: a pre-install hook runs before it exists.
      automountServiceAccountToken: false
      enableServiceLinks: false
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- include "logging-audit.podSecurityContext" 65532 | nindent 8 }}
      containers:
        - name: {{ .name }}
          image: {{ include "logging-audit.image" $root | quote }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          args: {{ toJson .args }}
          env:
            {{- .env | nindent 12 }}
          resources:
            {{- toYaml .resources | nindent 12 }}
          securityContext:
            {{- include "logging-audit.containerSecurityContext" $root | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            - name: data
              mountPath: /data
            {{- if .eckCa }}
            - name: eck-ca
              mountPath: /etc/eck-ca
              readOnly: true
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 64Mi
        - name: data
          emptyDir:
            sizeLimit: 64Mi
        {{- if .eckCa }}
        - name: eck-ca
          secret:
            secretName: {{ include "logging-audit.eckName" $root }}-es-http-certs-public
            items:
              - key: ca.crt
                path: ca.crt
        {{- end }}
{{- end }}
