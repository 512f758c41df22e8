# The Statecraft silo image: SDK build stage, ASP.NET Core runtime stage.
#
#   docker build -t statecraft-silo .
#   docker run --rm -p 5080:8080 -v statecraft-data:/data statecraft-silo
#
# Where the official images cannot be pulled (as on the CI machine), pass locally assembled ones:
#   tools/docker/base-images.sh
#   docker build --network host --build-arg SDK_IMAGE=statecraft-base/sdk:10.0 \
#     --build-arg RUNTIME_IMAGE=statecraft-base/aspnet:10.0 -t statecraft-silo .
# Works with the legacy builder (no BuildKit features).
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 NUGET_CERT_REVOCATION_MODE=offline
WORKDIR /src
# Restore in its own layer: it only changes when a project file or a package version does.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Directory.Build.props src/
COPY src/Statecraft.Abstractions/Statecraft.Abstractions.csproj src/Statecraft.Abstractions/
COPY src/Statecraft.Engine/Statecraft.Engine.csproj src/Statecraft.Engine/
COPY src/Statecraft.Persistence/Statecraft.Persistence.csproj src/Statecraft.Persistence/
COPY src/Statecraft.Persistence.Sqlite/Statecraft.Persistence.Sqlite.csproj src/Statecraft.Persistence.Sqlite/
COPY src/Statecraft.Persistence.Redis/Statecraft.Persistence.Redis.csproj src/Statecraft.Persistence.Redis/
COPY src/Statecraft.Persistence.DynamoDB/Statecraft.Persistence.DynamoDB.csproj src/Statecraft.Persistence.DynamoDB/
COPY src/Statecraft.Providers/Statecraft.Providers.csproj src/Statecraft.Providers/
COPY src/Statecraft.Providers.Sqlite/Statecraft.Providers.Sqlite.csproj src/Statecraft.Providers.Sqlite/
COPY src/Statecraft.Providers.DynamoDB/Statecraft.Providers.DynamoDB.csproj src/Statecraft.Providers.DynamoDB/
COPY src/Statecraft.Client/Statecraft.Client.csproj src/Statecraft.Client/
COPY src/Statecraft.Grains/Statecraft.Grains.csproj src/Statecraft.Grains/
COPY src/Statecraft.Web/Statecraft.Web.csproj src/Statecraft.Web/
COPY src/Statecraft.Silo/Statecraft.Silo.csproj src/Statecraft.Silo/
RUN dotnet restore src/Statecraft.Silo/Statecraft.Silo.csproj
COPY src/ src/
# Analyzers and format are the CI's job; the image build only compiles.
RUN dotnet publish src/Statecraft.Silo/Statecraft.Silo.csproj -c Release --no-restore -o /app \
      -p:UseAppHost=false -p:RunAnalyzers=false -p:GenerateDocumentationFile=false

FROM ${RUNTIME_IMAGE}
# A fixed, unprivileged user; /data is the only place it writes (the SQLite default).
# (Written into passwd/group directly: minimal Debian images need not carry useradd.)
RUN echo 'statecraft:x:10001:' >> /etc/group \
 && echo 'statecraft:x:10001:10001:Statecraft silo:/data:/usr/sbin/nologin' >> /etc/passwd \
 && mkdir -p /data && chown 10001:10001 /data
WORKDIR /app
COPY --from=build /app ./
# Configuration comes from the environment only (Statecraft__Storage=Redis, …); these are the container's defaults:
# listen on every interface (the address others use is Statecraft__Cluster__AdvertisedAddress), data under /data.
# Urls, not ASPNETCORE_URLS: appsettings.json sets Urls, and only unprefixed environment variables override it.
ENV Urls=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    Statecraft__Cluster__ListenOnAnyHostAddress=true \
    Statecraft__Sqlite__DataSource=/data/statecraft.db \
    Statecraft__Orleans__Sqlite__DataSource=/data/orleans.db
VOLUME ["/data"]
# HTTP (dashboard, and /metrics and health unless Statecraft__Management__Port moves them, as k8s/ does to 9090),
# silo-to-silo, client gateway.
EXPOSE 8080 11111 30000
USER 10001:10001
# The runtime image has no curl: a plain HTTP/1.0 GET of the liveness endpoint through bash's /dev/tcp, on the
# management port when one is set, otherwise on the port of the (single) address in Urls.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "port=${Urls##*:}; port=${port%%/*}; port=${Statecraft__Management__Port:-$port}; exec 3<>/dev/tcp/127.0.0.1/$port && printf 'GET /health/live HTTP/1.0\\r\\n\\r\\n' >&3 && head -1 <&3 | grep -q ' 200 '"]
# SIGTERM (docker stop, Kubernetes) stops the host: games deactivate and write final snapshots within the 30 s shutdown
# timeout, so give the container more than that (docker stop -t 40; terminationGracePeriodSeconds in k8s/).
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "Statecraft.Silo.dll"]
