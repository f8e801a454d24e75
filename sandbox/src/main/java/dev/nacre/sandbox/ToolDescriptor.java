package dev.nacre.sandbox;

import dev.nacre.core.Json;

/** One tool a module offers, as its describe output says (MCP's tools/list item). */
public record ToolDescriptor(String name, String description, Json.Obj inputSchema) {}
