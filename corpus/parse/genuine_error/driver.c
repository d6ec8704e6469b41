/*
 * parse/genuine_error - VIOLATION (one analysis-incomplete warning, in
 * miniport.c).
 *
 * A driver that uses WPP (its ungenerated "<name>.tmh" headers, GeTrace
 * from a `begin_wpp config` block, DbgTrace configured in the project file)
 * and __FUNCTION__ pasted with literals, all of which must be accepted, but
 * whose initialize handler calls GeReadAdapterSetting, a misspelling of
 * GeReadAdapterConfig: an undeclared function called without a string
 * argument is a genuine error, not a trace call.  The initialize handler is
 * a function the rules depend on: analysis-incomplete at that call.  The
 * send handler has a genuine error too (an undeclared identifier), but no
 * rule depends on it: nothing reported there.  This file itself is clean.
 */
#include "gemux.h"
#include "driver.tmh"

GE_GLOBALS GeGlobals;

_Use_decl_annotations_
VOID
GeUnload(PDRIVER_OBJECT DriverObject)
{
    GeTrace(GE_TRACE_INIT, "--> %!FUNC!");
    NdisDeregisterProtocolDriver(GeGlobals.ProtocolHandle);
    NdisMDeregisterMiniportDriver(GeGlobals.MiniportDriverHandle);
    NdisFreeSpinLock(&GeGlobals.Lock);
    WPP_CLEANUP(DriverObject);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    WPP_INIT_TRACING(DriverObject, RegistryPath);
    DbgTrace(TRACE_LEVEL_VERBOSE, "GEMUX: DriverEntry %wZ", RegistryPath);
    NdisAllocateSpinLock(&GeGlobals.Lock);
    GeGlobals.AdapterCount = 0;

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = GeInitialize;
    MChars.HaltHandlerEx = GeHalt;
    MChars.UnloadHandler = GeUnload;
    MChars.SendNetBufferListsHandler = GeSendNetBufferLists;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &GeGlobals.MiniportDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        GE_LOG_FAILURE("NdisMRegisterMiniportDriver", Status);
        NdisFreeSpinLock(&GeGlobals.Lock);
        WPP_CLEANUP(DriverObject);
        return Status;
    }

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &GeGlobals.ProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        DbgPrint("GEMUX: " __FUNCTION__ ": protocol registration failed %x\n", Status);
        NdisMDeregisterMiniportDriver(GeGlobals.MiniportDriverHandle);
        NdisFreeSpinLock(&GeGlobals.Lock);
        WPP_CLEANUP(DriverObject);
        return Status;
    }

    NdisIMAssociateMiniport(GeGlobals.MiniportDriverHandle, GeGlobals.ProtocolHandle);
    GeTrace(GE_TRACE_INIT, "<-- %!FUNC!");
    return NDIS_STATUS_SUCCESS;
}
