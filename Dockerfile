# syntax=docker/dockerfile:1
# The PairTuner trainer: `pairtuner-trainer train --job <runs/{id}/job.json>` in a container, started
# as a Container Apps job execution by the workflow. It publishes src/PairTuner.Trainer only: the
# training code, TorchSharp and blob storage; no Kestrel, no Durable Task host or gRPC, no Azurite,
# no benchmarks, no ONNX Runtime (docs/trainer-image.md: what ships, which shared objects libtorch
# needs, the size). One file, two variants:
#   docker build --build-arg TORCH_BACKEND=cuda .   (default; serverless GPU, T4 or A100)
#   docker build --build-arg TORCH_BACKEND=cpu .    (subscriptions without GPU quota)
# TORCH_BACKEND becomes the MSBuild property PairTunerTorchBackend, which picks TorchSharp-cuda-linux
# or libtorch-cpu-linux-x64 in src/PairTuner.Training/PairTuner.Training.csproj; the default local
# build stays on the CPU packages.

ARG TORCH_BACKEND=cuda
ARG DOTNET_VERSION=10.0
# CUDA's "base" flavour: the CUDA runtime (libcudart) and the labels and variables the NVIDIA
# container runtime reads, without the "runtime" flavour's math libraries or cuDNN and without
# any -devel layer. libtorch-cuda ships its own cuBLAS, cuBLASLt, cuDNN 9, NVRTC, cuSPARSELt and
# CUPTI, and links cuFFT, cuRAND, cuSPARSE and cuSOLVER statically; the one library it needs from
# outside is the driver's libcuda.so.1, which the NVIDIA container runtime mounts from the host.
ARG CUDA_IMAGE=nvidia/cuda:12.8.1-base-ubuntu24.04

# ---- build: restore with only the project files first, so source edits keep the package layer cached
FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG TORCH_BACKEND
WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY build/ build/
COPY src/PairTuner.Contracts/PairTuner.Contracts.csproj src/PairTuner.Contracts/
COPY src/PairTuner.Core/PairTuner.Core.csproj src/PairTuner.Core/
COPY src/PairTuner.Training/PairTuner.Training.csproj src/PairTuner.Training/
COPY src/PairTuner.Workflow/PairTuner.Workflow.csproj src/PairTuner.Workflow/
COPY src/PairTuner.Trainer/PairTuner.Trainer.csproj src/PairTuner.Trainer/
RUN dotnet restore src/PairTuner.Trainer/PairTuner.Trainer.csproj -r linux-x64 -p:PairTunerTorchBackend=${TORCH_BACKEND}
COPY src/PairTuner.Contracts/ src/PairTuner.Contracts/
COPY src/PairTuner.Core/ src/PairTuner.Core/
COPY src/PairTuner.Training/ src/PairTuner.Training/
COPY src/PairTuner.Workflow/ src/PairTuner.Workflow/
COPY src/PairTuner.Trainer/ src/PairTuner.Trainer/
# libtorch's test and Python-binding libraries are never loaded by TorchSharp; leave them out.
RUN dotnet publish src/PairTuner.Trainer/PairTuner.Trainer.csproj -c Release -r linux-x64 --self-contained false \
      --no-restore -p:PairTunerTorchBackend=${TORCH_BACKEND} -o /app \
    && rm -f /app/libtorch_python.so /app/libtorchbind_test.so /app/libjitbackend_test.so /app/libc10d_cuda_test.so \
      /app/libbackend_with_compiler.so /app/libaoti_custom_ops.so /app/libnnapi_backend.so

# ---- runtime for GPUs: CUDA base (no cuDNN, no math libraries, no -devel) and the .NET runtime copied in
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
ENTRYPOINT ["dotnet", "/app/pairtuner-trainer.dll", "train"]
