using System.Runtime.Versioning;

// Signals, process groups, setsid and Debian's packages: this orchestrator is for Linux dev machines and CI.
[assembly: SupportedOSPlatform("linux")]
