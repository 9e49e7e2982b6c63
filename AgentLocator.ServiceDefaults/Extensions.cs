namespace AgentLocator.ServiceDefaults; public static class Extensions {}
