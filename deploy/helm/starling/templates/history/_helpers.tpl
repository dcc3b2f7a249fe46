{{/* ---------------------------------------------------------------- history-service -------------------------- */}}

{{- define "starling.history.fullname" -}}
{{- printf "%s-history" (include "starling.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "starling.history.selectorLabels" -}}
app.kubernetes.io/name: {{ include "starling.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: history
{{- end }}

{{- define "starling.history.labels" -}}
{{ include "starling.labels" . }}
app.kubernetes.io/component: history
{{- end }}

{{- define "starling.history.image" -}}
{{- printf "%s:%s" .Values.history.image.repository (default .Chart.AppVersion .Values.history.image.tag) }}
{{- end }}

{{- define "starling.history.configDir" -}}/etc/starling/config{{- end }}
{{- define "starling.history.kafkaCaDir" -}}/etc/starling/kafka-ca{{- end }}

{{/* Stops the render when history is enabled without what it needs. */}}
{{- define "starling.history.validate" -}}
{{- if ne .Values.cluster.mode "kafka" }}
{{- fail "history.enabled needs cluster.mode \"kafka\": history-service consumes the events topic of the Kafka cluster" }}
{{- end }}
{{- if not .Values.history.database.existingSecret }}
{{- fail "history.enabled needs history.database.existingSecret: a Secret with the PostgreSQL DSN, username and password" }}
{{- end }}
{{- end }}
