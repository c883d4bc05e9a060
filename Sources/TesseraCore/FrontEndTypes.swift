// The values front ends receive from the core and render: reports, records, events and the
// options they pass in. They are re-exported one by one, so a front end that imports TesseraCore
// sees exactly these — never an engine, a store or a warehouse — and this list is the whole
// surface a new front end has to learn.
@_exported import func DuckDB.duckDBLibraryVersion
@_exported import struct TesseraAlerts.AlertEvent
@_exported import enum TesseraCatalog.AlertState
@_exported import struct TesseraAutomation.AutomationDecision
@_exported import struct TesseraAutomation.AutomationEvaluator
@_exported import struct TesseraAutomation.AutomationState
@_exported import enum TesseraAutomation.FailureKind
@_exported import enum TesseraCatalog.AuditAction
@_exported import struct TesseraCatalog.AuditEntry
@_exported import struct TesseraCatalog.AuditVerification
@_exported import struct TesseraCatalog.BackfillRecord
@_exported import struct TesseraCatalog.DeliveryDraft
@_exported import struct TesseraCatalog.DeliveryRecord
@_exported import enum TesseraCatalog.DeliveryState
@_exported import struct TesseraCatalog.AssetMetadata
@_exported import struct TesseraCatalog.CatalogQuery
@_exported import struct TesseraCatalog.CatalogSearchHit
@_exported import struct TesseraCatalog.ColumnMetadata
@_exported import struct TesseraCatalog.DomainMetadata
@_exported import struct TesseraCatalog.MetadataState
@_exported import enum TesseraCatalog.NodeStatus
@_exported import enum TesseraCatalog.NodeLogLevel
@_exported import struct TesseraCatalog.NodeRunRecord
@_exported import struct TesseraCatalog.QueueLimits
@_exported import struct TesseraCatalog.QueuedRun
@_exported import struct TesseraCatalog.RunDetail
@_exported import struct TesseraCatalog.RunPublish
@_exported import struct TesseraCatalog.RunRecord
@_exported import enum TesseraCatalog.RunStatus
@_exported import struct TesseraCatalog.RunSummary
@_exported import struct TesseraCatalog.SCRAMVerifier
@_exported import struct TesseraIngest.IngestError
@_exported import struct TesseraIngest.LoadProgress
@_exported import struct TesseraIngest.LoadReport
@_exported import struct TesseraLineage.LineageDocument
@_exported import enum TesseraLineage.LineageDirection
@_exported import enum TesseraLineage.LineageDotRenderer
@_exported import enum TesseraLineage.LineageMermaidRenderer
@_exported import struct TesseraLineage.LineageResult
@_exported import enum TesseraLineage.LineageTextRenderer
@_exported import struct TesseraQuality.CheckResult
@_exported import struct TesseraQuality.ContractChange
@_exported import struct TesseraQuality.ContractConsumer
@_exported import struct TesseraQuality.ContractReview
@_exported import enum TesseraQuality.VersionVerdict
@_exported import enum TesseraRuntime.NodeOutcome
@_exported import struct TesseraQuality.QualityReport
@_exported import struct TesseraRuntime.RunOptions
@_exported import struct TesseraRuntime.RunReport
@_exported import struct TesseraTransform.BuildInterval
@_exported import struct TesseraTransform.Plan
@_exported import struct TesseraTransform.PlanStep
@_exported import struct TesseraTransform.Selection
@_exported import enum TesseraModel.Principal
@_exported import enum TesseraModel.ReadDecision

import TesseraIngest
import TesseraRuntime

/// What a run reports as it goes: loads, node starts and ends, each product's quality.
public typealias RunEvent = MeshRunner.Event
/// What a load reports as it goes.
public typealias IngestEvent = Ingestor.Event
/// The outcome of `check`: each product's contract, checks and drift.
public typealias CheckReport = ProductChecker.Report
@_exported import struct TesseraRuntime.NodeFailure
@_exported import enum TesseraCharts.Paper
