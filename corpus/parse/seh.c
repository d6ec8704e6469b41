/*
 * parse/seh - CORRECT (no finding): structured exception handling.
 *
 * DriverEntry probes its registry path inside __try/__except, and the
 * helper it calls to read the driver's parameters uses __try/__finally with
 * __leave.  MSVC accepts these (and so must the parser, for the
 * x86_64-pc-windows-msvc target); the handlers are correct around them:
 * the miniport (NDIS_INTERMEDIATE_DRIVER) is registered after the state its
 * initialize handler reads, then the protocol, then they are associated,
 * and both registrations are undone on every error path and in unload.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE SeInitialize;
MINIPORT_HALT SeHalt;
MINIPORT_UNLOAD SeUnload;

#define SE_TAG_PARAMS   0x72615053  /* 'SPar' */

static NDIS_HANDLE SeMiniportHandle;
static NDIS_HANDLE SeProtocolHandle;
static NDIS_SPIN_LOCK SeLock;
static ULONG SeMaxAdapters;

/* Reads the driver's parameters; a scratch buffer is released on every
 * way out of the __try block. */
static NDIS_STATUS
SeReadParameters(_In_ PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;
    PWCHAR Scratch = NULL;

    __try {
        Scratch = NdisAllocateMemoryWithTagPriority(NULL, RegistryPath->Length + sizeof(WCHAR),
                                                    SE_TAG_PARAMS, NormalPoolPriority);
        if (Scratch == NULL) {
            Status = NDIS_STATUS_RESOURCES;
            __leave;
        }
        NdisMoveMemory(Scratch, RegistryPath->Buffer, RegistryPath->Length);
        Scratch[RegistryPath->Length / sizeof(WCHAR)] = L'\0';
        SeMaxAdapters = 8;
    } __finally {
        if (Scratch != NULL) {
            NdisFreeMemory(Scratch, 0, 0);
        }
    }
    return Status;
}

_Use_decl_annotations_
NDIS_STATUS
SeInitialize(
    NDIS_HANDLE MiniportAdapterHandle,
    NDIS_HANDLE MiniportDriverContext,
    PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters
    )
{
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    NdisAcquireSpinLock(&SeLock);
    if (SeMaxAdapters == 0) {
        Status = NDIS_STATUS_RESOURCES;
    } else {
        SeMaxAdapters--;
    }
    NdisReleaseSpinLock(&SeLock);
    return Status;
}

_Use_decl_annotations_
VOID
SeHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(HaltAction);
    NdisAcquireSpinLock(&SeLock);
    SeMaxAdapters++;
    NdisReleaseSpinLock(&SeLock);
}

_Use_decl_annotations_
VOID
SeUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(SeProtocolHandle);
    NdisMDeregisterMiniportDriver(SeMiniportHandle);
    NdisFreeSpinLock(&SeLock);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    __try {
        if (RegistryPath->Length == 0 || RegistryPath->Buffer == NULL) {
            return STATUS_UNSUCCESSFUL;
        }
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        Status = GetExceptionCode();
        return Status;
    }

    NdisAllocateSpinLock(&SeLock);
    Status = SeReadParameters(RegistryPath);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&SeLock);
        return Status;
    }

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = SeInitialize;
    MChars.HaltHandlerEx = SeHalt;
    MChars.UnloadHandler = SeUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &SeMiniportHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&SeLock);
        return Status;
    }

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;

    __try {
        Status = NdisRegisterProtocolDriver(NULL, &PChars, &SeProtocolHandle);
    } __finally {
        if (Status != NDIS_STATUS_SUCCESS) {
            NdisMDeregisterMiniportDriver(SeMiniportHandle);
            NdisFreeSpinLock(&SeLock);
        }
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    NdisIMAssociateMiniport(SeMiniportHandle, SeProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
