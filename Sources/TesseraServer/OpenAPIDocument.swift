// Generated from docs/api/openapi.json by scripts/embed-openapi.sh (`make openapi`); do not edit.
import Hummingbird

/// The API's OpenAPI 3.1 description, served at `/api/v1/openapi.json`.
enum OpenAPIDocument {
    static let text = ##"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "Tessera API",
            "version": "1.0.0",
            "description": "The HTTP API of `tessera serve`: the catalog, lineage, runs and queries of one project in one environment, as the signed-in caller may see them. Every endpoint but /healthz and /readyz needs `Authorization: Bearer <token>` (`tessera token create`). Errors are `{\"error\": {\"code\", \"message\", \"hint\"}}`."
          },
          "servers": [
            {
              "url": "/"
            }
          ],
          "security": [
            {
              "bearer": []
            }
          ],
          "paths": {
            "/healthz": {
              "get": {
                "operationId": "health",
                "summary": "The process is up",
                "description": "Answers as long as the server runs; no token needed.",
                "responses": {
                  "200": {
                    "description": "Up.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Health"
                        }
                      }
                    }
                  }
                },
                "tags": [
                  "health"
                ],
                "security": []
              }
            },
            "/readyz": {
              "get": {
                "operationId": "ready",
                "summary": "The service is ready",
                "description": "The project is loaded and the catalog opens and answers; no token needed.",
                "responses": {
                  "200": {
                    "description": "Ready.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Ready"
                        }
                      }
                    }
                  },
                  "503": {
                    "description": "The catalog does not answer.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                },
                "tags": [
                  "health"
                ],
                "security": []
              }
            },
            "/metrics": {
              "get": {
                "operationId": "metrics",
                "summary": "Metrics in Prometheus' text format",
                "description": "Runs by status (the latest 1,000), node durations of the latest run, the queue's depth, the freshness lag of each product the caller may read, request latency per route, responses by status, refused sign-ins by reason.",
                "responses": {
                  "200": {
                    "description": "Prometheus text exposition format 0.0.4.",
                    "content": {
                      "text/plain": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "The request is wrong: the message says what to change.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "401": {
                    "description": "No bearer token, or one that signs no one in (malformed, unknown, expired, revoked, or for a principal the project no longer declares).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "Too many failed sign-ins from this address; `Retry-After` says when to try again.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                },
                "tags": [
                  "health"
                ]
              }
            },
            "/api/v1/openapi.json": {
              "get": {
                "operationId": "openapi",
                "summary": "This document",
                "description": "The OpenAPI 3.1 description of the API.",
                "responses": {
                  "200": {
                    "description": "The document.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "The request is wrong: the message says what to change.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "401": {
                    "description": "No bearer token, or one that signs no one in (malformed, unknown, expired, revoked, or for a principal the project no longer declares).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "Too many failed sign-ins from this address; `Retry-After` says when to try again.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                },
                "tags": [
                  "meta"
                ]
              }
            },
            "/api/v1/catalog/search": {
              "get": {
                "operationId": "searchCatalog",
                "summary": "Search the catalog",
                "description": "Ranked full-text search over what the caller may see: words match names, descriptions, tags and owners; filters `domain:`, `tag:`, `owner:`, `classification:`, `kind:` narrow it.",
                "responses": {
                  "200": {
                    "description": "The hits, best first.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/SearchResult"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "The request is wrong: the message says what to change.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "401": {
                    "description": "No bearer token, or one that signs no one in (malformed, unknown, expired, revoked, or for a principal the project no longer declares).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "Too many failed sign-ins from this address; `Retry-After` says when to try again.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                },
                "tags": [
                  "catalog"
                ],
                "parameters": [
                  {
                    "name": "q",
                    "in": "query",
                    "required": true,
                    "schema": {
                      "type": "string"
                    },
                    "description": "Words and filters, e.g. `revenue tag:gold`."
                  },
                  {
                    "name": "limit",
                    "in": "query",
                    "required": false,
                    "schema": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": 200,
                      "default": 20
                    },
                    "description": "At most this many hits."
                  }
                ],
                "externalDocs": {
                  "description": "The same search in the web UI, with facets and results as you type. Pages need a browser session (sign in at /ui/sign-in); the API takes bearer tokens only.",
                  "url": "/ui/search?q={query}"
                }
              }
            },
            "/api/v1/domains": {
              "get": {
                "operationId": "listDomains",
                "summary": "List the domains",
                "description": "Every domain of the mesh, with its owner, description and tags.",
                "responses": {
                  "200": {
                    "description": "The domains.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/DomainList"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "The request is wrong: the message says what to change.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "401": {
                    "description": "No bearer token, or one that signs no one in (malformed, unknown, expired, revoked, or for a principal the project no longer declares).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "Too many failed sign-ins from this address; `Retry-After` says when to try again.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                },
                "tags": [
                  "catalog"
                ]
              }
            },
            "/api/v1/domains/{domain}": {
              "get": {
                "operationId": "showDomain",
                "summary": "One domain",
                "description": "A domain with the products, models and sources of it the caller may see.",
                "responses": {
                  "200": {
                    "description": "The domain.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/CatalogEntry"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "The request is wrong: the message says what to change.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "401": {
                    "description": "No bearer token, or one that signs no one in (malformed, unknown, expired, revoked, or for a principal the project no longer declares).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "Too many failed sign-ins from this address; `Retry-After` says when to try again.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "404": {
                    "description": "Nothing by that name that the caller may see: a product the caller may not read is not found, exactly as one that does not exist.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                },
                "tags": [
                  "catalog"
                ],
                "parameters": [
                  {
                    "name": "domain",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "string"
                    },
                    "description": "The domain's name."
                  }
                ],
                "externalDocs": {
                  "description": "The domain's page in the web UI. Pages need a browser session (sign in at /ui/sign-in); the API takes bearer tokens only.",
                  "url": "/ui/domains/{domain}"
                }
              }
            },
            "/api/v1/products": {
              "get": {
                "operationId": "listProducts",
                "summary": "List the products",
                "description": "Every product the caller may read.",
                "responses": {
                  "200": {
                    "description": "The products.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ProductList"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "The request is wrong: the message says what to change.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "401": {
                    "description": "No bearer token, or one that signs no one in (malformed, unknown, expired, revoked, or for a principal the project no longer declares).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "Too many failed sign-ins from this address; `Retry-After` says when to try again.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                },
                "tags": [
                  "catalog"
                ],
                "externalDocs": {
                  "description": "The web UI's home page: the products with their freshness and checks. Pages need a browser session (sign in at /ui/sign-in); the API takes bearer tokens only.",
                  "url": "/ui/"
                }
              }
            },
            "/api/v1/products/{domain}/{product}": {
              "get": {
                "operationId": "showProduct",
                "summary": "One product",
                "description": "A product's contract (columns), current snapshot, latest checks, profile (no smallest or largest values of pii or masked columns), freshness, upstream, consumers, access, and its latest 20 versions with their check outcomes and drift.",
                "responses": {
                  "200": {
                    "description": "The product.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ProductPage"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "The request is wrong: the message says what to change.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "401": {
                    "description": "No bearer token, or one that signs no one in (malformed, unknown, expired, revoked, or for a principal the project no longer declares).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "Too many failed sign-ins from this address; `Retry-After` says when to try again.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "404": {
                    "description": "Nothing by that name that the caller may see: a product the caller may not read is not found, exactly as one that does not exist.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                },
                "tags": [
                  "catalog"
                ],
                "parameters": [
                  {
                    "name": "domain",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "string"
                    },
                    "description": "The owning domain."
                  },
                  {
                    "name": "product",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "string"
                    },
                    "description": "The product's name."
                  }
                ],
                "externalDocs": {
                  "description": "The product's page in the web UI; its checks on each snapshot at /ui/products/{domain}/{product}/checks and the contract changes between two snapshots at /ui/products/{domain}/{product}/compare?from={snapshot}&to={snapshot}. Pages need a browser session (sign in at /ui/sign-in); the API takes bearer tokens only.",
                  "url": "/ui/products/{domain}/{product}"
                }
              }
            },
            "/api/v1/lineage/{name}": {
              "get": {
                "operationId": "lineage",
                "summary": "Lineage of a node or a column",
                "description": "Upstream and downstream of `sales.orders`, `sales.src.orders` or a column `sales.orders.amount`, through the nodes the caller may see.",
                "responses": {
                  "200": {
                    "description": "The lineage.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Lineage"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "The request is wrong: the message says what to change.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "401": {
                    "description": "No bearer token, or one that signs no one in (malformed, unknown, expired, revoked, or for a principal the project no longer declares).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "Too many failed sign-ins from this address; `Retry-After` says when to try again.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "404": {
                    "description": "Nothing by that name that the caller may see: a product the caller may not read is not found, exactly as one that does not exist.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                },
                "tags": [
                  "lineage"
                ],
                "parameters": [
                  {
                    "name": "name",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "string"
                    },
                    "description": "A node or column, as people write it."
                  },
                  {
                    "name": "direction",
                    "in": "query",
                    "required": false,
                    "schema": {
                      "type": "string",
                      "enum": [
                        "up",
                        "down",
                        "both",
                        "upstream",
                        "downstream"
                      ],
                      "default": "both"
                    },
                    "description": "Which way to follow."
                  },
                  {
                    "name": "depth",
                    "in": "query",
                    "required": false,
                    "schema": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": 100
                    },
                    "description": "How many steps to follow (all when absent)."
                  },
                  {
                    "name": "directOnly",
                    "in": "query",
                    "required": false,
                    "schema": {
                      "type": "string",
                      "enum": [
                        "true",
                        "false"
                      ],
                      "default": "false"
                    },
                    "description": "Only direct column lineage (not filters or joins)."
                  }
                ],
                "externalDocs": {
                  "description": "The same lineage drawn as a graph in the web UI (depth, direction and a column's path as query parameters). Pages need a browser session (sign in at /ui/sign-in); the API takes bearer tokens only.",
                  "url": "/ui/lineage/{name}"
                }
              }
            },
            "/api/v1/runs": {
              "get": {
                "operationId": "listRuns",
                "summary": "The latest runs",
                "description": "Newest first.",
                "responses": {
                  "200": {
                    "description": "The runs.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/RunList"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "The request is wrong: the message says what to change.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "401": {
                    "description": "No bearer token, or one that signs no one in (malformed, unknown, expired, revoked, or for a principal the project no longer declares).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "Too many failed sign-ins from this address; `Retry-After` says when to try again.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                },
                "tags": [
                  "runs"
                ],
                "parameters": [
                  {
                    "name": "limit",
                    "in": "query",
                    "required": false,
                    "schema": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": 1000,
                      "default": 20
                    },
                    "description": "At most this many runs."
                  }
                ],
                "externalDocs": {
                  "description": "The runs in the web UI, with the queue, a form to trigger a run and Cancel buttons. Pages need a browser session (sign in at /ui/sign-in); the API takes bearer tokens only.",
                  "url": "/ui/runs"
                }
              },
              "post": {
                "operationId": "triggerRun",
                "tags": [
                  "runs"
                ],
                "summary": "Ask the service for a run",
                "description": "Queues a run of a selection (what `tessera run` takes) in the service's queue; `tessera serve` runs it. Owners and developers of every domain the run writes, its services and mesh admins may; others get 403. The same `idempotencyKey` again returns the run first queued under it. Audited as `run.trigger`.",
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/RunRequest"
                      }
                    }
                  }
                },
                "responses": {
                  "202": {
                    "description": "Queued (or the run queued under the same key).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/QueuedRun"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "The request is wrong: the message says what to change.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "401": {
                    "description": "No bearer token, or one that signs no one in (malformed, unknown, expired, revoked, or for a principal the project no longer declares).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "Too many failed sign-ins from this address; `Retry-After` says when to try again.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "403": {
                    "description": "The caller may not run a domain the selection writes.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                }
              }
            },
            "/api/v1/runs/{id}": {
              "get": {
                "operationId": "showRun",
                "summary": "One run",
                "description": "A run by id or a unique prefix of it, with the nodes the caller may see.",
                "responses": {
                  "200": {
                    "description": "The run.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/RunDetail"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "The request is wrong: the message says what to change.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "401": {
                    "description": "No bearer token, or one that signs no one in (malformed, unknown, expired, revoked, or for a principal the project no longer declares).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "Too many failed sign-ins from this address; `Retry-After` says when to try again.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "404": {
                    "description": "Nothing by that name that the caller may see: a product the caller may not read is not found, exactly as one that does not exist.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                },
                "tags": [
                  "runs"
                ],
                "parameters": [
                  {
                    "name": "id",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "string"
                    },
                    "description": "The run's id or a unique prefix."
                  }
                ],
                "externalDocs": {
                  "description": "The run in the web UI, with its nodes on a timeline. Pages need a browser session (sign in at /ui/sign-in); the API takes bearer tokens only.",
                  "url": "/ui/runs/{id}"
                }
              }
            },
            "/api/v1/runs/{id}/log": {
              "get": {
                "operationId": "runLog",
                "summary": "A run's log",
                "description": "The lines the nodes the caller may see logged in a run (while it runs too), oldest first; `node` keeps one node's. Sample rows a failing check quotes are shown to members of the node's domain and mesh admins only; anyone else gets the line with `hiddenSampleRows`, the number of rows left out. Secrets are redacted before lines are stored.",
                "responses": {
                  "200": {
                    "description": "The log lines, oldest first.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/NodeLog"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "The request is wrong: the message says what to change.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "401": {
                    "description": "No bearer token, or one that signs no one in (malformed, unknown, expired, revoked, or for a principal the project no longer declares).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "Too many failed sign-ins from this address; `Retry-After` says when to try again.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "404": {
                    "description": "No run by that id, or no node by that name in it that the caller may see: a node the caller may not see is not found, exactly as one the run does not have.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                },
                "tags": [
                  "runs"
                ],
                "parameters": [
                  {
                    "name": "id",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "string"
                    },
                    "description": "The run's id or a unique prefix."
                  },
                  {
                    "name": "node",
                    "in": "query",
                    "required": false,
                    "schema": {
                      "type": "string"
                    },
                    "description": "The node's id (`product.sales.orders`, `source.sales.orders`) or its name (`sales.orders`, `sales.src.orders`)."
                  }
                ]
              }
            },
            "/api/v1/runs/{id}/nodes/{node}/log": {
              "get": {
                "operationId": "nodeLog",
                "summary": "One node's log in a run",
                "description": "The lines one node logged in a run (while it runs too), oldest first: started and why, what it loaded, rejected or deduplicated, built, each check's and the contract's result, drift, published or quarantined, the whole error. Sample rows a failing check quotes are shown to members of the node's domain and mesh admins only; anyone else gets the line with `hiddenSampleRows`, the number of rows left out. Secrets are redacted before lines are stored.",
                "responses": {
                  "200": {
                    "description": "The log lines, oldest first.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/NodeLog"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "The request is wrong: the message says what to change.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "401": {
                    "description": "No bearer token, or one that signs no one in (malformed, unknown, expired, revoked, or for a principal the project no longer declares).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "Too many failed sign-ins from this address; `Retry-After` says when to try again.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "404": {
                    "description": "No run by that id, or no node by that name in it that the caller may see: a node the caller may not see is not found, exactly as one the run does not have.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                },
                "tags": [
                  "runs"
                ],
                "parameters": [
                  {
                    "name": "id",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "string"
                    },
                    "description": "The run's id or a unique prefix."
                  },
                  {
                    "name": "node",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "string"
                    },
                    "description": "The node's id (`product.sales.orders`, `source.sales.orders`) or its name (`sales.orders`, `sales.src.orders`)."
                  }
                ],
                "externalDocs": {
                  "description": "The node's log in the web UI. Pages need a browser session (sign in at /ui/sign-in); the API takes bearer tokens only.",
                  "url": "/ui/runs/{id}/nodes/{node}"
                }
              }
            },
            "/api/v1/query": {
              "post": {
                "operationId": "query",
                "summary": "Query products",
                "description": "Runs one SELECT over products as the caller: products the caller may not read are refused (403), columns masked for readers outside the owning domain are masked. The result is streamed as DuckDB writes it; a failure after the first byte ends the response without its last chunk. Every query is audited.",
                "responses": {
                  "200": {
                    "description": "The rows.",
                    "content": {
                      "application/jsonl": {
                        "schema": {
                          "type": "string"
                        }
                      },
                      "text/csv": {
                        "schema": {
                          "type": "string"
                        }
                      },
                      "application/json": {
                        "schema": {
                          "type": "array",
                          "items": {
                            "type": "object"
                          }
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "The request is wrong: the message says what to change.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "401": {
                    "description": "No bearer token, or one that signs no one in (malformed, unknown, expired, revoked, or for a principal the project no longer declares).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "Too many failed sign-ins from this address; `Retry-After` says when to try again.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "403": {
                    "description": "The caller may not read a product the query names.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "413": {
                    "description": "The body is larger than 1 MiB.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                },
                "tags": [
                  "query"
                ],
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/QueryRequest"
                      }
                    }
                  }
                },
                "externalDocs": {
                  "description": "SQL lab in the web UI: the same queries, paged, with a CSV download and a quick chart. Pages need a browser session (sign in at /ui/sign-in); the API takes bearer tokens only.",
                  "url": "/ui/sql"
                }
              }
            },
            "/api/v1/queue/{id}": {
              "get": {
                "operationId": "showQueuedRun",
                "tags": [
                  "runs"
                ],
                "summary": "A queued run",
                "description": "Its state; `runId` once it started (then `/api/v1/runs/{runId}` shows its nodes).",
                "parameters": [
                  {
                    "name": "id",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "string"
                    },
                    "description": "The queued run's id or a unique prefix."
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The queued run.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/QueuedRun"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "The request is wrong: the message says what to change.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "401": {
                    "description": "No bearer token, or one that signs no one in (malformed, unknown, expired, revoked, or for a principal the project no longer declares).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "Too many failed sign-ins from this address; `Retry-After` says when to try again.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "404": {
                    "description": "Nothing by that name that the caller may see.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                }
              }
            },
            "/api/v1/queue/{id}/cancel": {
              "post": {
                "operationId": "cancelQueuedRun",
                "tags": [
                  "runs"
                ],
                "summary": "Cancel a queued or running run",
                "description": "A queued run is cancelled at once; a running one is asked to stop (`cancelRequested`), and the service interrupts it. Who may: as for a trigger. Audited as `run.cancel`.",
                "parameters": [
                  {
                    "name": "id",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "string"
                    },
                    "description": "The queued run's id or a unique prefix."
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The run after the request.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/QueuedRun"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "The request is wrong: the message says what to change.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "401": {
                    "description": "No bearer token, or one that signs no one in (malformed, unknown, expired, revoked, or for a principal the project no longer declares).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "Too many failed sign-ins from this address; `Retry-After` says when to try again.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "403": {
                    "description": "The caller may not cancel runs of its domains.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "404": {
                    "description": "Nothing by that name that the caller may see.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                }
              }
            },
            "/api/v1/backfills": {
              "get": {
                "operationId": "listBackfills",
                "tags": [
                  "runs"
                ],
                "summary": "The latest backfills",
                "description": "The backfills the caller may see (one of their nodes), newest first, without their chunks.",
                "parameters": [
                  {
                    "name": "limit",
                    "in": "query",
                    "required": false,
                    "schema": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": 1000,
                      "default": 50
                    },
                    "description": "At most this many backfills."
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The backfills.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/BackfillList"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "The request is wrong: the message says what to change.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "401": {
                    "description": "No bearer token, or one that signs no one in (malformed, unknown, expired, revoked, or for a principal the project no longer declares).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "Too many failed sign-ins from this address; `Retry-After` says when to try again.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                }
              },
              "post": {
                "operationId": "startBackfill",
                "tags": [
                  "runs"
                ],
                "summary": "Backfill interval models over a range, in chunks",
                "description": "Splits `[start, end)` (UTC, the end exclusive) into chunks of `chunk` (default `1d`) and has the service run them one after the other, oldest first, each as a queued run of the selection with the chunk as its interval. The selection must hold an interval-incremental model. Owners and developers of every domain it writes, their services and mesh admins may; others get 403. The same idempotency key (the `Idempotency-Key` header or `idempotencyKey`) returns the backfill first started under it. Audited as `backfill.start`.",
                "parameters": [
                  {
                    "name": "Idempotency-Key",
                    "in": "header",
                    "required": false,
                    "schema": {
                      "type": "string"
                    },
                    "description": "The same key again returns the first backfill."
                  }
                ],
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/BackfillRequest"
                      }
                    }
                  }
                },
                "responses": {
                  "202": {
                    "description": "Started (or the backfill started under the same key); `Location` is its address.",
                    "headers": {
                      "Location": {
                        "description": "/api/v1/backfills/{id}",
                        "schema": {
                          "type": "string"
                        }
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Backfill"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "The request is wrong: the message says what to change.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "401": {
                    "description": "No bearer token, or one that signs no one in (malformed, unknown, expired, revoked, or for a principal the project no longer declares).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "Too many failed sign-ins from this address; `Retry-After` says when to try again.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "403": {
                    "description": "The caller may not run a domain the selection writes.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                }
              }
            },
            "/api/v1/backfills/{id}": {
              "get": {
                "operationId": "getBackfill",
                "tags": [
                  "runs"
                ],
                "summary": "A backfill and its chunks",
                "description": "Its state, and each chunk's range, state, attempts, queued run and run.",
                "parameters": [
                  {
                    "name": "id",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "string"
                    },
                    "description": "The backfill's id or a unique prefix."
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The backfill.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Backfill"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "The request is wrong: the message says what to change.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "401": {
                    "description": "No bearer token, or one that signs no one in (malformed, unknown, expired, revoked, or for a principal the project no longer declares).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "Too many failed sign-ins from this address; `Retry-After` says when to try again.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "404": {
                    "description": "Nothing by that name that the caller may see.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                }
              }
            },
            "/api/v1/backfills/{id}/cancel": {
              "post": {
                "operationId": "cancelBackfill",
                "tags": [
                  "runs"
                ],
                "summary": "Cancel a backfill",
                "description": "The running chunk's run is stopped (the queue's cancel); the chunks not started are cancelled and never run unless it is resumed. A backfill that ended is returned as it is. Who may: as for a start. Audited as `backfill.cancel`.",
                "parameters": [
                  {
                    "name": "id",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "string"
                    },
                    "description": "The backfill's id or a unique prefix."
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The backfill after the request.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Backfill"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "The request is wrong: the message says what to change.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "401": {
                    "description": "No bearer token, or one that signs no one in (malformed, unknown, expired, revoked, or for a principal the project no longer declares).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "Too many failed sign-ins from this address; `Retry-After` says when to try again.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "403": {
                    "description": "The caller may not run its domains.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "404": {
                    "description": "Nothing by that name that the caller may see.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                }
              }
            },
            "/api/v1/backfills/{id}/resume": {
              "post": {
                "operationId": "resumeBackfill",
                "tags": [
                  "runs"
                ],
                "summary": "Resume a failed or cancelled backfill",
                "description": "Goes on from the first unfinished chunk; the chunks that succeeded stay done. A backfill that succeeded, or whose stopped chunk's run has not ended yet, is a 400. Who may: as for a start. Audited as `backfill.resume`.",
                "parameters": [
                  {
                    "name": "id",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "string"
                    },
                    "description": "The backfill's id or a unique prefix."
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The backfill after the request.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Backfill"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "The request is wrong: the message says what to change.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "401": {
                    "description": "No bearer token, or one that signs no one in (malformed, unknown, expired, revoked, or for a principal the project no longer declares).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "Too many failed sign-ins from this address; `Retry-After` says when to try again.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "403": {
                    "description": "The caller may not run its domains.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "404": {
                    "description": "Nothing by that name that the caller may see.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                }
              }
            },
            "/api/v1/automation": {
              "get": {
                "operationId": "automationStatus",
                "tags": [
                  "automation"
                ],
                "summary": "Why did (or didn't) it run?",
                "description": "What the service decided for each node at its latest tick and why, as `tessera automation status` prints it, for the nodes the caller may see.",
                "parameters": [
                  {
                    "name": "name",
                    "in": "query",
                    "required": false,
                    "schema": {
                      "type": "string"
                    },
                    "description": "One node (`sales.orders`, `sales.src.orders`); every automated node when absent."
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The nodes.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/AutomationStatus"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "The request is wrong: the message says what to change.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "401": {
                    "description": "No bearer token, or one that signs no one in (malformed, unknown, expired, revoked, or for a principal the project no longer declares).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "Too many failed sign-ins from this address; `Retry-After` says when to try again.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "404": {
                    "description": "Nothing by that name that the caller may see.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                },
                "externalDocs": {
                  "description": "The same decisions and reasons in the web UI. Pages need a browser session (sign in at /ui/sign-in); the API takes bearer tokens only.",
                  "url": "/ui/automation"
                }
              }
            }
          },
          "components": {
            "securitySchemes": {
              "bearer": {
                "type": "http",
                "scheme": "bearer",
                "description": "A token from `tessera token create` (tsr_…)."
              }
            },
            "schemas": {
              "Error": {
                "type": "object",
                "properties": {
                  "error": {
                    "type": "object",
                    "properties": {
                      "code": {
                        "type": "string"
                      },
                      "message": {
                        "type": "string"
                      },
                      "hint": {
                        "type": "string"
                      }
                    },
                    "required": [
                      "code",
                      "message"
                    ]
                  }
                },
                "required": [
                  "error"
                ]
              },
              "Health": {
                "type": "object",
                "properties": {
                  "status": {
                    "type": "string",
                    "enum": [
                      "ok"
                    ]
                  }
                },
                "required": [
                  "status"
                ]
              },
              "Ready": {
                "type": "object",
                "properties": {
                  "status": {
                    "type": "string",
                    "enum": [
                      "ready"
                    ]
                  },
                  "mesh": {
                    "type": "string"
                  },
                  "environment": {
                    "type": "string"
                  }
                },
                "required": [
                  "status",
                  "mesh",
                  "environment"
                ]
              },
              "SearchHit": {
                "type": "object",
                "properties": {
                  "kind": {
                    "type": "string",
                    "enum": [
                      "domain",
                      "source",
                      "model",
                      "product",
                      "column"
                    ]
                  },
                  "name": {
                    "type": "string"
                  },
                  "node": {
                    "type": "string"
                  },
                  "column": {
                    "type": "string"
                  },
                  "description": {
                    "type": "string"
                  },
                  "owner": {
                    "type": "string"
                  },
                  "tags": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "classification": {
                    "type": "string"
                  },
                  "score": {
                    "type": "number"
                  },
                  "matched": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  }
                },
                "required": [
                  "kind",
                  "name",
                  "tags",
                  "score",
                  "matched"
                ]
              },
              "SearchResult": {
                "type": "object",
                "properties": {
                  "query": {
                    "type": "string"
                  },
                  "environment": {
                    "type": "string"
                  },
                  "hits": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/SearchHit"
                    }
                  }
                },
                "required": [
                  "query",
                  "environment",
                  "hits"
                ]
              },
              "Domain": {
                "type": "object",
                "properties": {
                  "name": {
                    "type": "string"
                  },
                  "owner": {
                    "type": "string"
                  },
                  "description": {
                    "type": "string"
                  },
                  "tags": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  }
                },
                "required": [
                  "name",
                  "tags"
                ]
              },
              "DomainList": {
                "type": "object",
                "properties": {
                  "domains": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/Domain"
                    }
                  }
                },
                "required": [
                  "domains"
                ]
              },
              "ProductSummary": {
                "type": "object",
                "properties": {
                  "name": {
                    "type": "string"
                  },
                  "id": {
                    "type": "string"
                  },
                  "description": {
                    "type": "string"
                  },
                  "owner": {
                    "type": "string"
                  },
                  "tags": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "version": {
                    "type": "string"
                  },
                  "schedule": {
                    "type": "string"
                  },
                  "freshness": {
                    "type": "string"
                  }
                },
                "required": [
                  "name",
                  "id",
                  "tags"
                ]
              },
              "ProductList": {
                "type": "object",
                "properties": {
                  "products": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/ProductSummary"
                    }
                  }
                },
                "required": [
                  "products"
                ]
              },
              "Column": {
                "type": "object",
                "properties": {
                  "name": {
                    "type": "string"
                  },
                  "type": {
                    "type": "string"
                  },
                  "nullable": {
                    "type": "boolean"
                  },
                  "classification": {
                    "type": "string"
                  },
                  "description": {
                    "type": "string"
                  },
                  "mask": {
                    "type": "string"
                  },
                  "lineage": {
                    "type": "object",
                    "properties": {
                      "upstream": {
                        "type": "array",
                        "items": {
                          "type": "string"
                        }
                      },
                      "downstream": {
                        "type": "array",
                        "items": {
                          "type": "string"
                        }
                      }
                    }
                  }
                },
                "required": [
                  "name"
                ]
              },
              "Member": {
                "type": "object",
                "properties": {
                  "name": {
                    "type": "string"
                  },
                  "description": {
                    "type": "string"
                  }
                },
                "required": [
                  "name"
                ]
              },
              "CatalogEntry": {
                "type": "object",
                "properties": {
                  "kind": {
                    "type": "string",
                    "enum": [
                      "domain",
                      "source",
                      "model",
                      "product",
                      "column"
                    ]
                  },
                  "name": {
                    "type": "string"
                  },
                  "id": {
                    "type": "string"
                  },
                  "description": {
                    "type": "string"
                  },
                  "owner": {
                    "type": "string"
                  },
                  "tags": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "file": {
                    "type": "string"
                  },
                  "version": {
                    "type": "string"
                  },
                  "schedule": {
                    "type": "string"
                  },
                  "members": {
                    "type": "object",
                    "properties": {
                      "products": {
                        "type": "array",
                        "items": {
                          "$ref": "#/components/schemas/Member"
                        }
                      },
                      "models": {
                        "type": "array",
                        "items": {
                          "$ref": "#/components/schemas/Member"
                        }
                      },
                      "sources": {
                        "type": "array",
                        "items": {
                          "$ref": "#/components/schemas/Member"
                        }
                      }
                    }
                  },
                  "columns": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/Column"
                    }
                  },
                  "column": {
                    "$ref": "#/components/schemas/Column"
                  },
                  "freshness": {
                    "type": "object",
                    "properties": {
                      "status": {
                        "type": "string"
                      },
                      "sla": {
                        "type": "string"
                      },
                      "ageSeconds": {
                        "type": "number"
                      }
                    },
                    "required": [
                      "status"
                    ]
                  },
                  "snapshot": {
                    "type": "object",
                    "properties": {
                      "id": {
                        "type": "string"
                      },
                      "version": {
                        "type": "string"
                      },
                      "rows": {
                        "type": "integer"
                      },
                      "bytes": {
                        "type": "integer"
                      },
                      "files": {
                        "type": "integer"
                      },
                      "createdAt": {
                        "type": "string"
                      },
                      "runId": {
                        "type": "string"
                      }
                    }
                  },
                  "checks": {
                    "type": "object",
                    "properties": {
                      "checkedAt": {
                        "type": "string"
                      },
                      "passed": {
                        "type": "integer"
                      },
                      "failed": {
                        "type": "integer"
                      },
                      "failures": {
                        "type": "array",
                        "items": {
                          "type": "object",
                          "properties": {
                            "name": {
                              "type": "string"
                            },
                            "status": {
                              "type": "string"
                            },
                            "failingRows": {
                              "type": "integer"
                            },
                            "message": {
                              "type": "string"
                            }
                          }
                        }
                      }
                    }
                  },
                  "profile": {
                    "type": "object",
                    "properties": {
                      "rows": {
                        "type": "integer"
                      },
                      "columns": {
                        "type": "array",
                        "items": {
                          "type": "object",
                          "properties": {
                            "name": {
                              "type": "string"
                            },
                            "nulls": {
                              "type": "integer"
                            },
                            "distinct": {
                              "type": "integer"
                            },
                            "min": {
                              "type": "string"
                            },
                            "max": {
                              "type": "string"
                            },
                            "kind": {
                              "type": "string",
                              "description": "How the column was profiled: number, time, text, boolean or other."
                            },
                            "count": {
                              "type": "integer",
                              "description": "Non-null values."
                            },
                            "top": {
                              "type": "array",
                              "description": "The most frequent values, most frequent first (low-cardinality columns; never of pii or masked columns).",
                              "items": {
                                "type": "object",
                                "properties": {
                                  "value": {
                                    "type": "string"
                                  },
                                  "count": {
                                    "type": "integer"
                                  }
                                },
                                "required": [
                                  "value",
                                  "count"
                                ]
                              }
                            },
                            "quantiles": {
                              "type": "array",
                              "description": "Ascending by p (0 to 1), p0 and p100 included; times in seconds since the epoch (never of pii or masked columns).",
                              "items": {
                                "type": "object",
                                "properties": {
                                  "p": {
                                    "type": "number"
                                  },
                                  "value": {
                                    "type": "number"
                                  }
                                },
                                "required": [
                                  "p",
                                  "value"
                                ]
                              }
                            }
                          },
                          "required": [
                            "name"
                          ]
                        }
                      }
                    }
                  },
                  "upstream": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "consumers": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "lineage": {
                    "type": "object",
                    "properties": {
                      "upstream": {
                        "type": "array",
                        "items": {
                          "type": "string"
                        }
                      },
                      "downstream": {
                        "type": "array",
                        "items": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "access": {
                    "type": "object",
                    "properties": {
                      "readers": {
                        "type": "array",
                        "items": {
                          "type": "string"
                        }
                      },
                      "roles": {
                        "type": "array",
                        "items": {
                          "type": "string"
                        }
                      },
                      "masks": {
                        "type": "array",
                        "items": {
                          "type": "object",
                          "properties": {
                            "column": {
                              "type": "string"
                            },
                            "kind": {
                              "type": "string"
                            }
                          }
                        }
                      }
                    }
                  },
                  "query": {
                    "type": "string"
                  }
                },
                "required": [
                  "kind",
                  "name",
                  "tags"
                ]
              },
              "ProductVersion": {
                "type": "object",
                "properties": {
                  "snapshot": {
                    "type": "string"
                  },
                  "version": {
                    "type": "string"
                  },
                  "status": {
                    "type": "string",
                    "enum": [
                      "candidate",
                      "current",
                      "superseded",
                      "quarantined"
                    ]
                  },
                  "reason": {
                    "type": "string"
                  },
                  "createdAt": {
                    "type": "string"
                  },
                  "rows": {
                    "type": "integer"
                  },
                  "bytes": {
                    "type": "integer"
                  },
                  "runId": {
                    "type": "string"
                  },
                  "checks": {
                    "type": "object",
                    "additionalProperties": {
                      "type": "integer"
                    },
                    "description": "How many checks ended in each status."
                  },
                  "drift": {
                    "type": "object",
                    "properties": {
                      "against": {
                        "type": "string"
                      },
                      "exceeded": {
                        "type": "boolean"
                      }
                    },
                    "required": [
                      "against",
                      "exceeded"
                    ]
                  }
                },
                "required": [
                  "snapshot",
                  "version",
                  "status",
                  "createdAt",
                  "rows",
                  "bytes",
                  "checks"
                ]
              },
              "ProductPage": {
                "allOf": [
                  {
                    "$ref": "#/components/schemas/CatalogEntry"
                  },
                  {
                    "type": "object",
                    "properties": {
                      "versions": {
                        "type": "array",
                        "items": {
                          "$ref": "#/components/schemas/ProductVersion"
                        }
                      }
                    },
                    "required": [
                      "versions"
                    ]
                  }
                ]
              },
              "Lineage": {
                "type": "object",
                "properties": {
                  "root": {
                    "type": "string"
                  },
                  "level": {
                    "type": "string",
                    "enum": [
                      "table",
                      "column"
                    ]
                  },
                  "direction": {
                    "type": "string",
                    "enum": [
                      "upstream",
                      "downstream",
                      "both"
                    ]
                  },
                  "depth": {
                    "type": "integer"
                  },
                  "directOnly": {
                    "type": "boolean"
                  },
                  "note": {
                    "type": "string"
                  },
                  "vertices": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "properties": {
                        "id": {
                          "type": "string"
                        },
                        "node": {
                          "type": "string"
                        },
                        "kind": {
                          "type": "string",
                          "description": "A dashboard is downstream of the products its charts read; its columns are chart fields.",
                          "enum": [
                            "source",
                            "model",
                            "product",
                            "dashboard"
                          ]
                        },
                        "domain": {
                          "type": "string"
                        },
                        "name": {
                          "type": "string"
                        },
                        "column": {
                          "type": "string",
                          "description": "A column; for a dashboard, a chart field `<chart>.<column>` or a category parameter `@<name>`."
                        },
                        "side": {
                          "type": "string",
                          "enum": [
                            "root",
                            "upstream",
                            "downstream"
                          ]
                        }
                      },
                      "required": [
                        "id",
                        "node",
                        "kind",
                        "domain",
                        "name",
                        "side"
                      ]
                    }
                  },
                  "edges": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "properties": {
                        "from": {
                          "type": "string"
                        },
                        "to": {
                          "type": "string"
                        },
                        "kind": {
                          "type": "string"
                        },
                        "direct": {
                          "type": "boolean"
                        },
                        "crossesDomains": {
                          "type": "boolean"
                        }
                      },
                      "required": [
                        "from",
                        "to",
                        "direct",
                        "crossesDomains"
                      ]
                    }
                  },
                  "truncated": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  }
                },
                "required": [
                  "root",
                  "level",
                  "direction",
                  "directOnly",
                  "vertices",
                  "edges",
                  "truncated"
                ]
              },
              "Run": {
                "type": "object",
                "properties": {
                  "id": {
                    "type": "string"
                  },
                  "environment": {
                    "type": "string"
                  },
                  "command": {
                    "type": "string"
                  },
                  "status": {
                    "type": "string"
                  },
                  "selector": {
                    "type": "string"
                  },
                  "startedAt": {
                    "type": "string"
                  },
                  "finishedAt": {
                    "type": "string"
                  },
                  "counts": {
                    "type": "object",
                    "additionalProperties": {
                      "type": "integer"
                    }
                  }
                },
                "required": [
                  "id",
                  "environment",
                  "command",
                  "status",
                  "startedAt",
                  "counts"
                ]
              },
              "RunList": {
                "type": "object",
                "properties": {
                  "runs": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/Run"
                    }
                  }
                },
                "required": [
                  "runs"
                ]
              },
              "RunDetail": {
                "type": "object",
                "properties": {
                  "run": {
                    "$ref": "#/components/schemas/Run"
                  },
                  "nodes": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "properties": {
                        "id": {
                          "type": "string"
                        },
                        "kind": {
                          "type": "string",
                          "enum": [
                            "source",
                            "model",
                            "product"
                          ]
                        },
                        "status": {
                          "type": "string"
                        },
                        "reason": {
                          "type": "string"
                        },
                        "rows": {
                          "type": "integer"
                        },
                        "seconds": {
                          "type": "number"
                        },
                        "error": {
                          "type": "string"
                        }
                      },
                      "required": [
                        "id",
                        "kind",
                        "status"
                      ]
                    }
                  },
                  "published": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "properties": {
                        "product": {
                          "type": "string"
                        },
                        "snapshot": {
                          "type": "string"
                        },
                        "version": {
                          "type": "string"
                        },
                        "rows": {
                          "type": "integer"
                        },
                        "time": {
                          "type": "string"
                        }
                      },
                      "required": [
                        "product",
                        "snapshot",
                        "version",
                        "rows",
                        "time"
                      ]
                    }
                  }
                },
                "required": [
                  "run",
                  "nodes",
                  "published"
                ]
              },
              "QueryRequest": {
                "type": "object",
                "properties": {
                  "sql": {
                    "type": "string",
                    "description": "One SELECT over products named <domain>.<product>."
                  },
                  "format": {
                    "type": "string",
                    "enum": [
                      "jsonl",
                      "csv",
                      "json"
                    ],
                    "default": "jsonl"
                  }
                },
                "required": [
                  "sql"
                ]
              },
              "RunRequest": {
                "type": "object",
                "properties": {
                  "select": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "exclude": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "fullRefresh": {
                    "type": "boolean"
                  },
                  "idempotencyKey": {
                    "type": "string"
                  },
                  "reason": {
                    "type": "string"
                  }
                }
              },
              "QueuedRun": {
                "type": "object",
                "properties": {
                  "id": {
                    "type": "string"
                  },
                  "state": {
                    "type": "string",
                    "enum": [
                      "queued",
                      "running",
                      "finished",
                      "cancelled",
                      "interrupted"
                    ]
                  },
                  "cancelRequested": {
                    "type": "boolean"
                  },
                  "trigger": {
                    "type": "string"
                  },
                  "reason": {
                    "type": "string"
                  },
                  "requestedBy": {
                    "type": "string"
                  },
                  "selection": {
                    "type": "string"
                  },
                  "idempotencyKey": {
                    "type": "string"
                  },
                  "enqueuedAt": {
                    "type": "string"
                  },
                  "startedAt": {
                    "type": "string"
                  },
                  "finishedAt": {
                    "type": "string"
                  },
                  "attempt": {
                    "type": "integer"
                  },
                  "runId": {
                    "type": "string"
                  },
                  "domains": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "nodes": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  }
                },
                "required": [
                  "id",
                  "state",
                  "cancelRequested",
                  "trigger",
                  "reason",
                  "requestedBy",
                  "selection",
                  "enqueuedAt",
                  "attempt",
                  "domains",
                  "nodes"
                ]
              },
              "AutomationStatus": {
                "type": "object",
                "properties": {
                  "nodes": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "properties": {
                        "node": {
                          "type": "string"
                        },
                        "name": {
                          "type": "string"
                        },
                        "kind": {
                          "type": "string"
                        },
                        "runsByItself": {
                          "type": "boolean"
                        },
                        "verdict": {
                          "type": "string",
                          "enum": [
                            "run",
                            "wait",
                            "retry",
                            "skip"
                          ]
                        },
                        "reason": {
                          "type": "string"
                        },
                        "decidedAt": {
                          "type": "string"
                        },
                        "nextTick": {
                          "type": "string"
                        },
                        "retryAt": {
                          "type": "string"
                        },
                        "waitingFor": {
                          "type": "array",
                          "items": {
                            "type": "string"
                          }
                        },
                        "freshness": {
                          "type": "object",
                          "properties": {
                            "deadline": {
                              "type": "string"
                            },
                            "stale": {
                              "type": "boolean"
                            }
                          },
                          "required": [
                            "stale"
                          ]
                        },
                        "lastStarted": {
                          "type": "string"
                        },
                        "lastUpdated": {
                          "type": "string"
                        },
                        "failure": {
                          "type": "string"
                        }
                      },
                      "required": [
                        "node",
                        "name",
                        "kind",
                        "runsByItself",
                        "waitingFor"
                      ]
                    }
                  }
                },
                "required": [
                  "nodes"
                ]
              },
              "BackfillRequest": {
                "type": "object",
                "properties": {
                  "select": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "exclude": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "start": {
                    "type": "string",
                    "description": "UTC: 2026-11-01 or 2026-11-01T06:00:00Z (inclusive)."
                  },
                  "end": {
                    "type": "string",
                    "description": "UTC (exclusive)."
                  },
                  "chunk": {
                    "type": "string",
                    "description": "The size of each chunk: 1h, 1d, 7d… (default 1d)."
                  },
                  "idempotencyKey": {
                    "type": "string"
                  },
                  "reason": {
                    "type": "string"
                  }
                },
                "required": [
                  "start",
                  "end"
                ]
              },
              "BackfillChunk": {
                "type": "object",
                "properties": {
                  "index": {
                    "type": "integer"
                  },
                  "start": {
                    "type": "string"
                  },
                  "end": {
                    "type": "string"
                  },
                  "state": {
                    "type": "string",
                    "enum": [
                      "pending",
                      "running",
                      "succeeded",
                      "failed",
                      "cancelled"
                    ]
                  },
                  "attempts": {
                    "type": "integer"
                  },
                  "queuedRunId": {
                    "type": "string"
                  },
                  "runId": {
                    "type": "string"
                  },
                  "error": {
                    "type": "string"
                  },
                  "startedAt": {
                    "type": "string"
                  },
                  "finishedAt": {
                    "type": "string"
                  }
                },
                "required": [
                  "index",
                  "start",
                  "end",
                  "state",
                  "attempts"
                ]
              },
              "Backfill": {
                "type": "object",
                "properties": {
                  "id": {
                    "type": "string"
                  },
                  "state": {
                    "type": "string",
                    "enum": [
                      "running",
                      "succeeded",
                      "failed",
                      "cancelled"
                    ]
                  },
                  "selection": {
                    "type": "string"
                  },
                  "start": {
                    "type": "string"
                  },
                  "end": {
                    "type": "string"
                  },
                  "chunk": {
                    "type": "string"
                  },
                  "chunkSeconds": {
                    "type": "integer"
                  },
                  "driver": {
                    "type": "string",
                    "enum": [
                      "service",
                      "command"
                    ]
                  },
                  "requestedBy": {
                    "type": "string"
                  },
                  "reason": {
                    "type": "string"
                  },
                  "idempotencyKey": {
                    "type": "string"
                  },
                  "createdAt": {
                    "type": "string"
                  },
                  "updatedAt": {
                    "type": "string"
                  },
                  "finishedAt": {
                    "type": "string"
                  },
                  "error": {
                    "type": "string"
                  },
                  "domains": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "nodes": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "counts": {
                    "type": "object",
                    "additionalProperties": {
                      "type": "integer"
                    },
                    "description": "Chunks per state."
                  },
                  "chunks": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/BackfillChunk"
                    },
                    "description": "Oldest first; left out in lists."
                  }
                },
                "required": [
                  "id",
                  "state",
                  "selection",
                  "start",
                  "end",
                  "chunk",
                  "chunkSeconds",
                  "driver",
                  "requestedBy",
                  "reason",
                  "createdAt",
                  "updatedAt",
                  "domains",
                  "nodes",
                  "counts"
                ]
              },
              "BackfillList": {
                "type": "object",
                "properties": {
                  "backfills": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/Backfill"
                    }
                  }
                },
                "required": [
                  "backfills"
                ]
              },
              "NodeLog": {
                "type": "object",
                "properties": {
                  "runId": {
                    "type": "string"
                  },
                  "runStatus": {
                    "type": "string",
                    "description": "`running` while the run goes: more lines may come."
                  },
                  "node": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "description": "The node asked for; absent for the whole run."
                  },
                  "lines": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/NodeLogLine"
                    }
                  }
                },
                "required": [
                  "runId",
                  "runStatus",
                  "lines"
                ]
              },
              "NodeLogLine": {
                "type": "object",
                "properties": {
                  "at": {
                    "type": "string",
                    "format": "date-time"
                  },
                  "node": {
                    "type": "string"
                  },
                  "level": {
                    "type": "string",
                    "enum": [
                      "info",
                      "warning",
                      "error"
                    ]
                  },
                  "text": {
                    "type": "string",
                    "description": "What happened; several lines for a whole error."
                  },
                  "samples": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    },
                    "description": "The sample rows the line quotes (a header of column names, then rows), when the caller may see them."
                  },
                  "hiddenSampleRows": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "How many sample rows were left out for this caller."
                  }
                },
                "required": [
                  "at",
                  "node",
                  "level",
                  "text",
                  "hiddenSampleRows"
                ]
              }
            }
          }
        }
        """##

    static var response: Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
