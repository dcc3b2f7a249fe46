/**
 * Tests of the deployment artefacts under {@code deploy/}, run offline: no cluster, no Docker, no helm binary.
 *
 * <p>How it works: {@link dev.starling.deploy.Chart} renders and lints the Helm chart with helm-java (Helm bundled
 * as a native library), once per {@code ci/*-values.yaml} scenario or with extra values;
 * {@link dev.starling.deploy.Manifests} parses the output into the fabric8 Kubernetes model, so tests assert on
 * typed objects (probes, volumes, HPA behaviour …) rather than on YAML text. {@code KustomizeTest} renders
 * {@code deploy/k8s} with {@code kubectl kustomize} (skipped without kubectl) and compares it with the chart. The
 * Grafana dashboard and the gateway's Jib settings are checked statically; the {@code helm test} probe script is run
 * against a local WebSocket server.
 */
package dev.starling.deploy;
