/*
 * parse/backslash_include - CORRECT (no finding): Windows include paths.
 *
 * The private header lives in the subdirectory inc/ and is included as
 * "inc\private.h", with a backslash, as Windows sources do (and the version
 * header beside it with a doubled one, "inc\\biver.h"); bimux.h sits
 * beside this file and is included with <angle brackets>, which MSVC finds
 * in the source's directory.  All three must be found (no note: they
 * exist).  The driver is correct: miniport (NDIS_INTERMEDIATE_DRIVER)
 * registered after the state its initialize handler reads, protocol
 * registered, both associated, both undone on every error path and in
 * unload.
 */
#include "inc\private.h"
#include "inc\\biver.h"
#include <bimux.h>

static BI_GLOBALS BiGlobals;

_Use_decl_annotations_
NDIS_STATUS
BiInitialize(
    NDIS_HANDLE MiniportAdapterHandle,
    NDIS_HANDLE MiniportDriverContext,
    PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters
    )
{
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    NdisAcquireSpinLock(&BiGlobals.Lock);
    if (BiGlobals.AdapterCount >= BI_MAX_ADAPTERS) {
        Status = NDIS_STATUS_RESOURCES;
    } else {
        BiGlobals.AdapterCount++;
    }
    NdisReleaseSpinLock(&BiGlobals.Lock);
    return Status;
}

_Use_decl_annotations_
VOID
BiHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(HaltAction);
    NdisAcquireSpinLock(&BiGlobals.Lock);
    BiGlobals.AdapterCount--;
    NdisReleaseSpinLock(&BiGlobals.Lock);
}

_Use_decl_annotations_
VOID
BiUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(BiGlobals.ProtocolHandle);
    NdisMDeregisterMiniportDriver(BiGlobals.MiniportDriverHandle);
    NdisFreeSpinLock(&BiGlobals.Lock);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    NdisZeroMemory(&BiGlobals, sizeof(BiGlobals));
    NdisAllocateSpinLock(&BiGlobals.Lock);

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.MajorDriverVersion = BI_MAJOR_DRIVER_VERSION;
    MChars.MinorDriverVersion = BI_MINOR_DRIVER_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = BiInitialize;
    MChars.HaltHandlerEx = BiHalt;
    MChars.UnloadHandler = BiUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &BiGlobals.MiniportDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&BiGlobals.Lock);
        return Status;
    }

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.MajorDriverVersion = BI_MAJOR_DRIVER_VERSION;
    PChars.MinorDriverVersion = BI_MINOR_DRIVER_VERSION;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &BiGlobals.ProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(BiGlobals.MiniportDriverHandle);
        NdisFreeSpinLock(&BiGlobals.Lock);
        return Status;
    }

    NdisIMAssociateMiniport(BiGlobals.MiniportDriverHandle, BiGlobals.ProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
