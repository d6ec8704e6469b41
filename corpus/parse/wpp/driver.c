/*
 * parse/wpp - CORRECT (no finding): a WPP-traced IM driver.
 *
 * Every .c file includes its "<name>.tmh", which only the WDK build
 * generates (it is not here); trace.h defines WPP_CONTROL_GUIDS and declares
 * TraceEvents in a `begin_wpp config` block; DEBUGP is a trace function
 * configured in the project file, so no header declares it.  The WPP names
 * (WPP_INIT_TRACING, WPP_CLEANUP, DoTraceMessage, TraceEvents, DEBUGP) must
 * be accepted and a WPP_DEFINE_BIT name is used as a value.  The driver
 * itself is correct: registers the miniport (NDIS_INTERMEDIATE_DRIVER) with
 * its initialize handler's state set up first, then the protocol, associates
 * them, undoes both on every error path and in the unload handler.
 */
#include "wpmux.h"
#include "driver.tmh"

#pragma NDIS_INIT_FUNCTION(DriverEntry)

WP_GLOBALS WpGlobals;

/* MiniportDriverUnload: deregisters both edges, then stops tracing. */
_Use_decl_annotations_
VOID
WpUnload(PDRIVER_OBJECT DriverObject)
{
    TraceEvents(TRACE_LEVEL_INFORMATION, WP_TRACE_DRIVER, "--> %!FUNC!");
    DoTraceMessage(WP_TRACE_DRIVER, "unloading, %d adapters", WpGlobals.AdapterCount);

    NdisDeregisterProtocolDriver(WpGlobals.ProtocolHandle);
    NdisMDeregisterMiniportDriver(WpGlobals.MiniportDriverHandle);
    NdisFreeSpinLock(&WpGlobals.Lock);

    DEBUGP(MP_TRACE, "<-- WpUnload\n");
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
    TraceEvents(TRACE_LEVEL_INFORMATION, WP_TRACE_DRIVER, "--> %!FUNC! %wZ",
                RegistryPath);
    DEBUGP(MP_TRACE, "--> DriverEntry\n");

    /* What WpInitialize reads, before NDIS can call it. */
    NdisAllocateSpinLock(&WpGlobals.Lock);
    WpGlobals.AdapterCount = 0;
    WpGlobals.TraceFlags = WP_TRACE_MINIPORT | WP_TRACE_SEND;

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = WpInitialize;
    MChars.HaltHandlerEx = WpHalt;
    MChars.UnloadHandler = WpUnload;
    MChars.SendNetBufferListsHandler = WpSendNetBufferLists;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &WpGlobals.MiniportDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        TraceEvents(TRACE_LEVEL_ERROR, WP_TRACE_DRIVER,
                    "NdisMRegisterMiniportDriver failed %!STATUS!", Status);
        NdisFreeSpinLock(&WpGlobals.Lock);
        WPP_CLEANUP(DriverObject);
        return Status;
    }

    WpFillProtocolCharacteristics(&PChars);
    Status = NdisRegisterProtocolDriver(NULL, &PChars, &WpGlobals.ProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        DEBUGP(MP_ERROR, "NdisRegisterProtocolDriver failed %x\n", Status);
        NdisMDeregisterMiniportDriver(WpGlobals.MiniportDriverHandle);
        NdisFreeSpinLock(&WpGlobals.Lock);
        WPP_CLEANUP(DriverObject);
        return Status;
    }

    NdisIMAssociateMiniport(WpGlobals.MiniportDriverHandle, WpGlobals.ProtocolHandle);
    TraceEvents(TRACE_LEVEL_INFORMATION, WP_TRACE_DRIVER, "<-- %!FUNC!");
    return NDIS_STATUS_SUCCESS;
}
