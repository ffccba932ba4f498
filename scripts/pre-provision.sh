#!/bin/sh
# azd preprovision hook: warn before provisioning when AZURE_LOCATION has no serverless GPU of the
# chosen type (PAIRTUNER_TRAINER_GPU) or no Flex Consumption. Warnings only: infra/regions.txt is
# a dated list, and Azure's answer wins.
set -eu

location=$(printf '%s' "${AZURE_LOCATION:-}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')
gpu="${PAIRTUNER_TRAINER_GPU:-T4}"
regions="$(dirname "$0")/../infra/regions.txt"

if [ -z "$location" ]; then
  echo "pre-provision: AZURE_LOCATION is not set; azd will ask for it." >&2
  exit 0
fi

case "$gpu" in
  T4|A100)
    gpus=$(grep -v '^#' "$regions" | awk -v r="$location" '$1 == r { $1 = ""; print }')
    case " $gpus " in
      *" $gpu "*) ;;
      *)
        listed=$(grep -v '^#' "$regions" | awk -v g="$gpu" '{ for (i = 2; i <= NF; i++) if ($i == g) printf "%s ", $1 }')
        echo "WARNING: $location has no serverless $gpu GPU for Container Apps (infra/regions.txt lists: ${listed% }). The trainer job will not start there; choose one of those regions (azd env set AZURE_LOCATION ...) or train on CPU (azd env set PAIRTUNER_TRAINER_GPU none)." >&2
        ;;
    esac
    ;;
  none) ;;
  *)
    echo "ERROR: PAIRTUNER_TRAINER_GPU is '$gpu'; use T4, A100 or none." >&2
    exit 1
    ;;
esac

if ! command -v az >/dev/null 2>&1; then
  echo "pre-provision: Azure CLI not found, so Flex Consumption in $location was not checked (az functionapp list-flexconsumption-locations)." >&2
  exit 0
fi
subscription=""
[ -n "${AZURE_SUBSCRIPTION_ID:-}" ] && subscription="--subscription $AZURE_SUBSCRIPTION_ID"
# shellcheck disable=SC2086 # $subscription is empty or two words on purpose
if flex=$(az functionapp list-flexconsumption-locations $subscription --query "[].name" -o tsv 2>&1); then
  if ! printf '%s\n' "$flex" | tr '[:upper:]' '[:lower:]' | tr -d ' \r' | grep -qx "$location"; then
    echo "WARNING: $location does not offer Flex Consumption, the Function App's plan; provisioning will fail there. Regions that do: $(printf '%s' "$flex" | tr '\n' ' ')" >&2
  fi
else
  echo "pre-provision: could not ask Azure where Flex Consumption runs (az said: $flex)." >&2
fi
