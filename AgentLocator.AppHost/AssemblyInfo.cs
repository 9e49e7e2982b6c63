using System.Runtime.Versioning;

// Postgres and Redis run from Debian's binaries with Unix file modes and users: the AppHost is for Linux (and macOS).
[assembly: SupportedOSPlatform("linux")]
