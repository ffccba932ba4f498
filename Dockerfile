# syntax=docker/dockerfile:1
# The PairTuner trainer: `pairtuner train --job <runs/{id}/job.json>` in a container, started as a
# Container Apps job execution by the workflow. One file, two variants:
#   docker build --build-arg TORCH_BACKEND=cuda .   (default; serverless GPU, T4 or A100)
#   docker build --build-arg TORCH_BACKEND=cpu .    (subscriptions without GPU quota)
# TORCH_BACKEND becomes the MSBuild property PairTunerTorchBackend, which picks TorchSharp-cuda-linux
# or libtorch-cpu-linux-x64 in src/PairTuner.Training/PairTuner.Training.csproj; the default local
# build stays on the CPU packages.

ARG TORCH_BACKEND=cuda
ARG DOTNET_VERSION=10.0
ARG CUDA_IMAGE=nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04

# ---- build: restore with only the project files first, so source edits keep the package layer cached
FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG TORCH_BACKEND
WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY build/TorchSharpGlibcxxFix.targets build/
COPY src/PairTuner.Core/PairTuner.Core.csproj src/PairTuner.Core/
COPY src/PairTuner.Training/PairTuner.Training.csproj src/PairTuner.Training/
COPY src/PairTuner.Workflow/PairTuner.Workflow.csproj src/PairTuner.Workflow/
COPY src/PairTuner.Cli/PairTuner.Cli.csproj src/PairTuner.Cli/
RUN dotnet restore src/PairTuner.Cli/PairTuner.Cli.csproj -r linux-x64 -p:PairTunerTorchBackend=${TORCH_BACKEND}
COPY src/PairTuner.Core/ src/PairTuner.Core/
COPY src/PairTuner.Training/ src/PairTuner.Training/
COPY src/PairTuner.Workflow/ src/PairTuner.Workflow/
COPY src/PairTuner.Cli/ src/PairTuner.Cli/
RUN dotnet publish src/PairTuner.Cli/PairTuner.Cli.csproj -c Release -r linux-x64 --self-contained false \
      --no-restore -p:PairTunerTorchBackend=${TORCH_BACKEND} -o /app

# ---- runtime for GPUs: CUDA + cuDNN runtime libraries for libtorch, and the .NET runtime copied in
FROM mcr.microsoft.com/dotnet/runtime:${DOTNET_VERSION}-noble AS dotnet-runtime
FROM ${CUDA_IMAGE} AS runtime-cuda
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libssl3t64 zlib1g \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --uid 1654 --user-group --create-home --shell /usr/sbin/nologin app
COPY --from=dotnet-runtime /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV NVIDIA_VISIBLE_DEVICES=all NVIDIA_DRIVER_CAPABILITIES=compute,utility

# ---- runtime for CPUs: the plain .NET runtime image (it already has the non-root user `app`)
FROM mcr.microsoft.com/dotnet/runtime:${DOTNET_VERSION}-noble AS runtime-cpu

# ---- final: the variant TORCH_BACKEND names
FROM runtime-${TORCH_BACKEND} AS final
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_gcServer=1 \
    PAIRTUNER_CACHE=/home/app/.cache/pairtuner
WORKDIR /app
COPY --from=build --chown=app:app /app ./
USER app
# The launcher appends `--job runs/{id}/job.json` as the execution's args.
ENTRYPOINT ["dotnet", "/app/pairtuner.dll", "train"]
