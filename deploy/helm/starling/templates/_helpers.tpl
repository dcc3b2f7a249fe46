{{/*
Naming. The chart is sectioned by service: each service's resources are "<fullname>-<component>" and carry
app.kubernetes.io/component, so later services add their own section beside "gateway".
*/}}
{{- define "starling.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "starling.fullname" -}}
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

{{- define "starling.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "starling.labels" -}}
helm.sh/chart: {{ include "starling.chart" . }}
app.kubernetes.io/name: {{ include "starling.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: starling
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "starling.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "starling.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* ---------------------------------------------------------------- gateway ---------------------------------- */}}

{{- define "starling.gateway.fullname" -}}
{{- printf "%s-gateway" (include "starling.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "starling.gateway.selectorLabels" -}}
app.kubernetes.io/name: {{ include "starling.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: gateway
{{- end }}

{{- define "starling.gateway.labels" -}}
{{ include "starling.labels" . }}
app.kubernetes.io/component: gateway
{{- end }}

{{- define "starling.gateway.image" -}}
{{- printf "%s:%s" .Values.gateway.image.repository (default .Chart.AppVersion .Values.gateway.image.tag) }}
{{- end }}

{{/* The apps Secret: the operator's, or the one the chart renders from apps.list. */}}
{{- define "starling.apps.secretName" -}}
{{- default (printf "%s-apps" (include "starling.fullname" .)) .Values.apps.existingSecret }}
{{- end }}

{{- define "starling.apps.secretKey" -}}
{{- if .Values.apps.existingSecret }}{{ .Values.apps.existingSecretKey }}{{ else }}apps.json{{ end }}
{{- end }}

{{/*
Where the gateway container finds its files. Secrets and ConfigMaps are mounted as directories (never subPath), so
Kubernetes can swap them in place.
*/}}
{{- define "starling.gateway.configDir" -}}/etc/starling/config{{- end }}
{{- define "starling.gateway.appsDir" -}}/etc/starling/apps{{- end }}
{{- define "starling.gateway.kafkaConfigDir" -}}/etc/starling/kafka{{- end }}
{{- define "starling.gateway.kafkaCaDir" -}}/etc/starling/kafka-ca{{- end }}

{{/* QUARKUS_CONFIG_LOCATIONS: the chart's properties file, then the operator's Kafka secrets file if any. */}}
{{- define "starling.gateway.configLocations" -}}
{{- $locations := list (printf "%s/starling.properties" (include "starling.gateway.configDir" .)) }}
{{- if .Values.cluster.kafka.existingConfigSecret }}
{{- $locations = append $locations (printf "%s/kafka.properties" (include "starling.gateway.kafkaConfigDir" .)) }}
{{- end }}
{{- join "," $locations }}
{{- end }}

{{/*
Drain arithmetic. Kubernetes counts the grace period from the start of preStop, so the pod needs
preStop sleep + the gateway's whole drain budget + a margin for the JVM to exit before SIGKILL.
*/}}
{{- define "starling.gateway.minGracePeriod" -}}
{{- $d := .Values.gateway.drain }}
{{- add (int $d.preStopSleepSeconds) (int $d.timeoutSeconds) 5 }}
{{- end }}

{{- define "starling.gateway.terminationGracePeriodSeconds" -}}
{{- $min := int (include "starling.gateway.minGracePeriod" .) }}
{{- $set := int .Values.gateway.terminationGracePeriodSeconds }}
{{- $d := .Values.gateway.drain }}
{{- if ge (int $d.graceSeconds) (int $d.timeoutSeconds) }}
{{- fail (printf "gateway.drain.graceSeconds (%d) must be shorter than gateway.drain.timeoutSeconds (%d): the grace is part of the drain budget" (int $d.graceSeconds) (int $d.timeoutSeconds)) }}
{{- end }}
{{- if eq $set 0 }}
{{- $min }}
{{- else if lt $set $min }}
{{- fail (printf "gateway.terminationGracePeriodSeconds (%d) is shorter than gateway.drain.preStopSleepSeconds + gateway.drain.timeoutSeconds + 5 (%d): pods would be killed mid-drain. Raise it, or set it to 0 to compute it." $set $min) }}
{{- else }}
{{- $set }}
{{- end }}
{{- end }}

{{/* A property value: YAML numbers arrive as float64, which Go would print as 1.048576e+06. */}}
{{- define "starling.propertyValue" -}}
{{- if kindIs "float64" . }}{{ int64 . }}{{ else }}{{ . }}{{ end }}
{{- end }}

{{/* The SASL login module for a mechanism. */}}
{{- define "starling.kafka.loginModule" -}}
{{- if eq . "PLAIN" }}org.apache.kafka.common.security.plain.PlainLoginModule
{{- else }}org.apache.kafka.common.security.scram.ScramLoginModule
{{- end }}
{{- end }}

{{/* The app key the helm test connects with: tests.appKey, else the first app of apps.list. */}}
{{- define "starling.tests.appKey" -}}
{{- if .Values.tests.appKey }}{{ .Values.tests.appKey }}
{{- else if and (not .Values.apps.existingSecret) .Values.apps.list }}{{ (first .Values.apps.list).key }}
{{- end }}
{{- end }}
