/*
 * driver.c - entry and unload of the reference IM driver, and the driver-wide
 * state they own.
 *
 * Order in DriverEntry follows the NDIS rules for IM drivers:
 *   1. everything MpInitialize may touch (the adapter list, its lock, the
 *      receive-context lookaside list, the "all adapters gone" event) is set
 *      up first, because NDIS may call MpInitialize as soon as the miniport
 *      is registered;
 *   2. NdisMRegisterMiniportDriver with NDIS_INTERMEDIATE_DRIVER in Flags;
 *   3. NdisRegisterProtocolDriver;
 *   4. NdisIMAssociateMiniport;
 *   5. the control device (MpInitialize never uses it).
 * Any failure after step 2 undoes the registrations before DriverEntry
 * returns (goto-cleanup style).
 */
#include "imdrv.h"

#pragma NDIS_INIT_FUNCTION(DriverEntry)

IM_GLOBALS ImGlobals;

/* Sets up the driver-wide state that the handlers use.  Called before the
 * miniport is registered. */
static VOID
ImInitializeGlobals(VOID)
{
    NdisZeroMemory(&ImGlobals, sizeof(ImGlobals));
    NdisAllocateSpinLock(&ImGlobals.Lock);
    InitializeListHead(&ImGlobals.AdapterList);
    NdisInitializeNPagedLookasideList(&ImGlobals.RecvContextPool, NULL, NULL, 0,
                                      sizeof(IM_RECV_CONTEXT), IM_TAG_RECV,
                                      IM_LOOKASIDE_DEPTH);
    NdisInitializeEvent(&ImGlobals.AllAdaptersGone);
    NdisSetEvent(&ImGlobals.AllAdaptersGone);   /* no adapter yet */
}

/* Releases what ImInitializeGlobals set up. */
static VOID
ImFreeGlobals(VOID)
{
    NdisDeleteNPagedLookasideList(&ImGlobals.RecvContextPool);
    NdisFreeSpinLock(&ImGlobals.Lock);
}

/* Fills the miniport characteristics of the virtual miniport edge. */
static VOID
ImFillMiniportCharacteristics(_Out_ PNDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars)
{
    NdisZeroMemory(Chars, sizeof(*Chars));
    Chars->Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars->Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars->Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars->MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    Chars->MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    Chars->MajorDriverVersion = IM_MAJOR_DRIVER_VERSION;
    Chars->MinorDriverVersion = IM_MINOR_DRIVER_VERSION;
    Chars->Flags = NDIS_INTERMEDIATE_DRIVER;

    Chars->InitializeHandlerEx = MpInitialize;
    Chars->HaltHandlerEx = MpHalt;
    Chars->UnloadHandler = ImUnload;
    Chars->PauseHandler = MpPause;
    Chars->RestartHandler = MpRestart;
    Chars->OidRequestHandler = MpOidRequest;
    Chars->SendNetBufferListsHandler = MpSendNetBufferLists;
    Chars->ReturnNetBufferListsHandler = MpReturnNetBufferLists;
    Chars->CancelSendHandler = MpCancelSend;
    Chars->DevicePnPEventNotifyHandler = MpDevicePnPEvent;
    Chars->ShutdownHandlerEx = MpShutdown;
    Chars->CancelOidRequestHandler = MpCancelOidRequest;
}

/* Takes a reference on an adapter. */
_Use_decl_annotations_
VOID
ImReferenceAdapter(PIM_ADAPTER Adapter)
{
    NdisAcquireSpinLock(&ImGlobals.Lock);
    Adapter->RefCount++;
    NdisReleaseSpinLock(&ImGlobals.Lock);
}

/* Drops a reference; the last one unlinks and frees the adapter. */
_Use_decl_annotations_
VOID
ImDereferenceAdapter(PIM_ADAPTER Adapter)
{
    BOOLEAN Free = FALSE;

    NdisAcquireSpinLock(&ImGlobals.Lock);
    Adapter->RefCount--;
    if (Adapter->RefCount == 0) {
        RemoveEntryList(&Adapter->Link);
        ImGlobals.AdapterCount--;
        if (ImGlobals.AdapterCount == 0) {
            NdisSetEvent(&ImGlobals.AllAdaptersGone);
        }
        Free = TRUE;
    }
    NdisReleaseSpinLock(&ImGlobals.Lock);

    if (Free) {
        if (Adapter->StateLock != NULL) {
            NdisFreeRWLock(Adapter->StateLock);
        }
        NdisFreeMemory(Adapter, 0, 0);
    }
}

/* MiniportDriverUnload: undoes everything DriverEntry did. */
_Use_decl_annotations_
VOID
ImUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    PAGED_CODE();

    IM_DBGPRINT(("ImSample: unloading\n"));
    ImDeregisterDevice();

    if (ImGlobals.ProtocolHandle != NULL) {
        NdisDeregisterProtocolDriver(ImGlobals.ProtocolHandle);
        ImGlobals.ProtocolHandle = NULL;
    }
    if (ImGlobals.MiniportDriverHandle != NULL) {
        NdisMDeregisterMiniportDriver(ImGlobals.MiniportDriverHandle);
        ImGlobals.MiniportDriverHandle = NULL;
    }
    ImFreeGlobals();
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(
    PDRIVER_OBJECT  DriverObject,
    PUNICODE_STRING RegistryPath
    )
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;
    NDIS_STRING ProtocolName = NDIS_STRING_CONST("ImSample");
    BOOLEAN MiniportRegistered = FALSE;
    BOOLEAN ProtocolRegistered = FALSE;

    IM_DBGPRINT(("ImSample: DriverEntry\n"));

    ImInitializeGlobals();
    ImFillMiniportCharacteristics(&MChars);

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &ImGlobals.MiniportDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        IM_DBGPRINT(("ImSample: miniport registration failed %x\n", Status));
        goto Cleanup;
    }
    MiniportRegistered = TRUE;

    PtFillCharacteristics(&PChars, &ProtocolName);
    Status = NdisRegisterProtocolDriver(NULL, &PChars, &ImGlobals.ProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        IM_DBGPRINT(("ImSample: protocol registration failed %x\n", Status));
        goto Cleanup;
    }
    ProtocolRegistered = TRUE;

    NdisIMAssociateMiniport(ImGlobals.MiniportDriverHandle, ImGlobals.ProtocolHandle);

    Status = ImRegisterDevice();

Cleanup:
    if (Status != NDIS_STATUS_SUCCESS) {
        if (ProtocolRegistered) {
            NdisDeregisterProtocolDriver(ImGlobals.ProtocolHandle);
        }
        if (MiniportRegistered) {
            NdisMDeregisterMiniportDriver(ImGlobals.MiniportDriverHandle);
        }
        ImFreeGlobals();
    }
    return Status;
}
