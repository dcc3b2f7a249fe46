{{/* ---------------------------------------------------------------- push-service ----------------------------- */}}

{{- define "starling.push.fullname" -}}
{{- printf "%s-push" (include "starling.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "starling.push.selectorLabels" -}}
app.kubernetes.io/name: {{ include "starling.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: push
{{- end }}

{{- define "starling.push.labels" -}}
{{ include "starling.labels" . }}
app.kubernetes.io/component: push
{{- end }}

{{- define "starling.push.image" -}}
{{- printf "%s:%s" .Values.push.image.repository (default .Chart.AppVersion .Values.push.image.tag) }}
{{- end }}

{{- define "starling.push.configDir" -}}/etc/starling/push{{- end }}
{{- define "starling.push.credentialsDir" -}}/etc/starling/push-credentials{{- end }}
{{- define "starling.push.kafkaCaDir" -}}/etc/starling/kafka-ca{{- end }}

{{/* The environment variable carrying a secret of instance number i, e.g. PUSH_INSTANCE_0_SECRET_KEY. */}}
{{- define "starling.push.instanceEnv" -}}
{{- printf "PUSH_INSTANCE_%d_%s" (index . 0) (index . 1) }}
{{- end }}

{{/* Stops the render when push is enabled without what it needs. */}}
{{- define "starling.push.validate" -}}
{{- $p := .Values.push }}
{{- if not $p.database.existingSecret }}
{{- fail "push.enabled needs push.database.existingSecret: a Secret with the PostgreSQL DSN, username and password" }}
{{- end }}
{{- if and (eq $p.mode "cluster") (not .Values.cluster.kafka.bootstrapServers) }}
{{- fail "push.mode \"cluster\" needs cluster.kafka.bootstrapServers: push-service consumes the push and webhooks topics" }}
{{- end }}
{{- if and (eq $p.mode "standalone") (gt (int $p.replicaCount) 1) }}
{{- /* Several standalone replicas are fine: they share the queue in PostgreSQL (FOR UPDATE SKIP LOCKED). */}}
{{- end }}
{{- end }}
