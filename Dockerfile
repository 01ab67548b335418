# Privacy Portal image: build on the .NET SDK, run on the ASP.NET Core runtime (both Ubuntu 24.04 based).
#
#   docker build -t privacy-portal .
#
#   Every run needs the identifier lookup key and the key that encrypts the data-protection keys (generate each
#   once: openssl rand -base64 32, and keep them safe; the image runs in Production, which refuses to start without
#   them), and an SMTP relay (or Notifications__Email__AllowPickupFolder=true to write mail to App_Data in clear):
#
#   Embedded SQLite (one machine; keep App_Data on a volume):
#     docker run -p 8080:8080 -v portal-data:/app/App_Data -e Subjects__LookupKey="<your key>" \
#       -e Security__KeyEncryptionKey="<your key-encryption key>" -e Notifications__Email__Host=smtp.example.test privacy-portal
#
#   SQL Server (Hangfire follows it automatically, Jobs:Storage=Auto):
#     docker run -p 8080:8080 -e Database__Provider=SqlServer \
#       -e ConnectionStrings__SqlServer="Server=...;Database=PrivacyPortal;User Id=...;Password=...;TrustServerCertificate=True" \
#       -e Subjects__LookupKey="<your key>" -e Security__KeyEncryptionKey="<your key-encryption key>" \
#       -e Notifications__Email__Host=smtp.example.test privacy-portal
#     Add -e Database__MigrateOnStartup=false when a DBA applies the migration script instead.
#
# Health: GET /healthz answers 200 (healthy or degraded) or 503. The runtime image has no curl, so there is no
# HEALTHCHECK here; point the orchestrator's or load balancer's HTTP probe at /healthz.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore as its own layer: it reruns only when a project or package file changes.
COPY PrivacyPortal.sln Directory.Build.props Directory.Packages.props global.json ./
COPY PrivacyPortal/PrivacyPortal.csproj PrivacyPortal/
COPY PrivacyPortal.Tests/PrivacyPortal.Tests.csproj PrivacyPortal.Tests/
COPY PrivacyPortal.Bench/PrivacyPortal.Bench.csproj PrivacyPortal.Bench/
RUN dotnet restore PrivacyPortal/PrivacyPortal.csproj

# The rest of the sources, including the root appsettings*.json that PrivacyPortal.csproj links into the
# published output (bin/, obj/ and App_Data/ are kept out by .dockerignore).
COPY . .
# Publish restores again (from the packages of the layer above, no download): the Web SDK adds the package that
# carries _framework/blazor.web.js only when it sees .razor files, which the project-files-only restore cannot.
RUN dotnet publish PrivacyPortal/PrivacyPortal.csproj -c Release -o /app


FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
# The runtime image already carries ICU (the zh-CN UI: culture data, sorting, formats) and tzdata
# (Portal:TimeZone = Asia/Shanghai), so globalization stays on and nothing is installed. The test below fails the
# build if a future base image drops the zone data, rather than the portal failing at start.
WORKDIR /app
ENV ASPNETCORE_HTTP_PORTS=8080

COPY --from=build /app .

# The content root is /app, so App_Data here holds the SQLite database, the Hangfire SQLite file and the logs.
# It must exist and belong to the app user before the VOLUME line: a new named volume is filled from the image,
# ownership included. (A bind mount keeps the host directory's owner: give it to the app user, UID 1654 = APP_UID.)
RUN test -f /usr/share/zoneinfo/Asia/Shanghai \
    && mkdir -p /app/App_Data/logs \
    && chown -R "$APP_UID:$APP_UID" /app/App_Data
VOLUME /app/App_Data

# The non-root user the official images provide ('app').
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["dotnet", "PrivacyPortal.dll"]
